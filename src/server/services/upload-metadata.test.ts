import { expect, test } from "bun:test";
import * as v from "valibot";
import { branchOf, machineKey, MetadataSchema } from "./upload-metadata.ts";

const base = { version: 8, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", runner: { executor: "walltime" }, commitHash: "a".repeat(40), owner: "o", repository: "r" };
const parse = (extra: Record<string, unknown>) => v.parse(MetadataSchema, { ...base, ...extra });

test("the branch of a push, a pull request and a local run", () => {
  expect(branchOf(parse({ ref: "refs/heads/main", headRef: null }))).toBe("main");
  expect(branchOf(parse({ ref: "refs/pull/2/merge", headRef: "feat/x", baseRef: "main" }))).toBe("feat/x");
  expect(branchOf(parse({ ref: "a".repeat(40), headRef: null }))).toBe("HEAD");
});

test("the machine key ignores the host name and user, not the CPU", () => {
  const a = parse({ runner: { executor: "walltime", cpuBrand: "EPYC", cpuCores: 2, arch: "x86_64", host: "a", user: "x" } });
  const b = parse({ runner: { executor: "walltime", cpuBrand: "EPYC", cpuCores: 2, arch: "x86_64", host: "b", user: "y" } });
  const c = parse({ runner: { executor: "walltime", cpuBrand: "Xeon", cpuCores: 2, arch: "x86_64" } });
  expect(machineKey(a)).toBe(machineKey(b));
  expect(machineKey(a)).not.toBe(machineKey(c));
});

test("a metadata without owner or with a malformed MD5 is refused", () => {
  expect(v.safeParse(MetadataSchema, { ...base, owner: "" }).success).toBe(false);
  expect(v.safeParse(MetadataSchema, { ...base, profileMd5: "abc" }).success).toBe(false);
});
