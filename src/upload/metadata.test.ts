import { describe, expect, test } from "bun:test";
import type { RunEnvironment } from "../run-environment/types.ts";
import type { SystemInfo } from "../system/info.ts";
import { buildUploadMetadata } from "./metadata.ts";
import { runHash } from "./run-hash.ts";

// The example of §5.3 of the reference (GitHub PR, matrix job, OIDC token), compact.
const REFERENCE_EXAMPLE =
  '{"repositoryProvider":"GITHUB","version":8,"tokenless":false,"profileMd5":"jp/k05RKuqP3ERQuIIvx4Q==","profileEncoding":"gzip",' +
  '"runner":{"name":"codspeed-runner","version":"4.10.3","instruments":[],"executor":"valgrind","os":"ubuntu","osVersion":"24.04",' +
  '"arch":"x86_64","host":"runner-1","user":"runner","cpuBrand":"AMD EPYC 7763 64-Core Processor","cpuName":"cpu0",' +
  '"cpuVendorId":"AuthenticAMD","cpuCores":2,"totalMemoryGb":8},' +
  '"runEnvironment":"GITHUB_ACTIONS",' +
  '"runPart":{"runId":"7044765741","runPartId":"codspeed-{\\"python\\":\\"3.12\\"}-{\\"job-index\\":0,\\"job-total\\":2}-{\\"run-index\\":0}",' +
  '"jobName":"codspeed","metadata":{"job-index":0,"job-total":2,"python":"3.12","run-index":0}},' +
  '"commitHash":"5bd77cb0da72bef094893ed45fb793ff16ecfbe3","allowEmpty":false,' +
  '"ref":"refs/pull/29/merge","headRef":"feat/x","baseRef":"main","owner":"CodSpeedHQ","repository":"codspeed-node",' +
  '"event":"pull_request","sender":{"id":"19605940","login":"octocat"},"ghData":{"runId":"7044765741","job":"codspeed"},' +
  '"glData":null,"repositoryRootPath":"/home/runner/work/codspeed-node/codspeed-node/"}';

const system: SystemInfo = {
  os: "ubuntu", osVersion: "24.04", arch: "x86_64", kernel: "6.8.0", host: "runner-1", user: "runner", uid: 1001, isRoot: false,
  cpuBrand: "AMD EPYC 7763 64-Core Processor", cpuVendorId: "AuthenticAMD", cpuCores: 2, totalMemoryGb: 8, hasApt: true,
};

const environment: RunEnvironment = {
  name: "GITHUB_ACTIONS", kind: "github-actions", label: "GitHub Actions", repositoryProvider: "GITHUB",
  commitHash: "5bd77cb0da72bef094893ed45fb793ff16ecfbe3",
  metadata: {
    ref: "refs/pull/29/merge", headRef: "feat/x", baseRef: "main", owner: "CodSpeedHQ", repository: "codspeed-node", event: "pull_request",
    sender: { id: "19605940", login: "octocat" }, ghData: { runId: "7044765741", job: "codspeed" }, glData: null,
    repositoryRootPath: "/home/runner/work/codspeed-node/codspeed-node/",
  },
  runPart: null, tokenPolicy: "optional",
};

describe("buildUploadMetadata()", () => {
  test("serialises the reference example byte for byte (field order, nulls, nested order)", () => {
    const meta = buildUploadMetadata({
      environment,
      runPart: {
        runId: "7044765741",
        runPartId: 'codspeed-{"python":"3.12"}-{"job-index":0,"job-total":2}-{"run-index":0}',
        jobName: "codspeed",
        metadata: { "job-index": 0, "job-total": 2, python: "3.12", "run-index": 0 },
      },
      tokenless: false,
      archive: { md5: "jp/k05RKuqP3ERQuIIvx4Q==", encoding: "gzip" },
      executor: "valgrind",
      system,
      allowEmpty: false,
      runner: { name: "codspeed-runner", version: "4.10.3" },
    });
    expect(JSON.stringify(meta)).toBe(REFERENCE_EXAMPLE);
    expect(runHash(meta)).toBe(new Bun.CryptoHasher("sha256").update(REFERENCE_EXAMPLE).digest("hex"));
  });

  test("sends null, not a missing key, for an uncompressed archive and no run part", () => {
    const meta = buildUploadMetadata({
      environment, runPart: null, tokenless: true, archive: { md5: "x", encoding: null }, executor: "walltime", system, allowEmpty: true,
      runner: { name: "pacer", version: "0.1.0" },
    });
    expect(JSON.stringify(meta)).toContain('"profileEncoding":null');
    expect(JSON.stringify(meta)).toContain('"runPart":null');
    expect(meta.tokenless).toBe(true);
  });
});
