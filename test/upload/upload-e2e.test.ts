/**
 * End-to-end uploads against the loopback upload server: real archives, real HTTP, scripted faults.
 */
import { simulationMode } from "../../plugins/simulation/mode.ts";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import tar from "tar-stream";
import { PacerError } from "../../src/errors.ts";
import { registerSecret } from "../../src/log/mask.ts";
import { zstdDecompress } from "../../src/compress/zstd.ts";
import { createProfileArchive, uploadProfile } from "../../src/upload/index.ts";
import { removeArchive } from "../../src/upload/archive.ts";
import { startUploadServer, REFERENCE_FIELD_ORDER, REFERENCE_RUNNER_ORDER, type UploadServer } from "../helpers/upload-server.ts";
import { captureStderr, cleanupTempDirs, EVENTS, githubEnv, makeProfileFolder, SHA, tempDir } from "./_profile.ts";

const TOKEN = "cs-repo-token-0123456789";
const OIDC_JWT = "eyJhbGciOiJSUzI1NiJ9.oidc-payload.signature";
const OIDC_REQUEST = "actions-request-token-abcdef";

let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN, oidcRequestToken: OIDC_REQUEST, oidcToken: OIDC_JWT, reportAfterPolls: 2 });
});
afterAll(() => server.close());
afterEach(() => {
  server.reset();
  cleanupTempDirs();
});

async function untar(archive: Buffer): Promise<Map<string, { type: string; data: Buffer; linkname?: string }>> {
  const out = new Map<string, { type: string; data: Buffer; linkname?: string }>();
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.set(entry.header.name, { type: String(entry.header.type), data: Buffer.concat(chunks), linkname: entry.header.linkname ?? undefined });
    }
  })();
  extract.end(archive);
  await done;
  return out;
}

const routes = () => server.requests.map((r) => `${r.route}:${r.status}`);

describe("uploadProfile() against the loopback server", () => {
  test("uploads a GitHub push: archive byte-exact with a matching MD5, metadata in wire order", async () => {
    const folder = makeProfileFolder();
    const env = githubEnv();
    const res = await uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env });
    expect(res).toEqual({ runId: "run-1", owner: "Codertocat", repository: "Hello-World" });
    const [up] = server.uploads;
    expect(up!.authorization).toBe(TOKEN);
    expect(Object.keys(up!.metadata)).toEqual(REFERENCE_FIELD_ORDER);
    expect(Object.keys(up!.metadata.runner as object)).toEqual(REFERENCE_RUNNER_ORDER);
    const md5 = createHash("md5").update(up!.archive!).digest("base64");
    expect(up!.metadata.profileMd5).toBe(md5);
    expect(up!.archiveHeaders).toEqual({ "content-type": "application/x-tar", "content-length": String(up!.archive!.length), "content-md5": md5, "content-encoding": undefined });
    // The same folder archived again gives the same bytes: what arrived is exactly what was built.
    const again = await createProfileArchive(folder, { encoding: null });
    expect(Buffer.compare(readFileSync(again.path), up!.archive!)).toBe(0);
    removeArchive(again);
    const files = await untar(up!.archive!);
    expect([...files.keys()].sort()).toEqual(["latest.json", "perf.pipedata", "results/", "results/4242.json", "runner.log"]);
    expect(files.get("perf.pipedata")!.data.equals(readFileSync(join(folder, "perf.pipedata")))).toBe(true);
    expect(files.get("latest.json")).toMatchObject({ type: "symlink", linkname: "results/4242.json" });
    expect(up!.metadata).toMatchObject({
      repositoryProvider: "GITHUB",
      version: 8,
      tokenless: false,
      profileEncoding: null,
      runEnvironment: "GITHUB_ACTIONS",
      runPart: { runId: "7044765741", runPartId: 'codspeed-{"run-index":0}', jobName: "codspeed", metadata: { "run-index": 0 } },
      commitHash: SHA,
      allowEmpty: false,
      ref: "refs/heads/master",
      headRef: null,
      baseRef: null,
      owner: "Codertocat",
      repository: "Hello-World",
      event: "push",
      sender: { id: "21031067", login: "Codertocat" },
      ghData: { runId: "7044765741", job: "codspeed" },
      glData: null,
      repositoryRootPath: `${env.GITHUB_WORKSPACE}/`,
    });
    expect((up!.metadata.runner as { name: string; executor: string }).executor).toBe("walltime");
    expect(server.requests.every((r) => r.userAgent?.startsWith("pacer/"))).toBe(true);
    expect(existsSync(folder)).toBe(true);
  });

  test("retries 500, 429 and a reset on the POST and a 503 on the PUT, then succeeds", async () => {
    server.script("upload", { status: 500 }, { status: 429, retryAfter: "0" }, { reset: true });
    server.script("archive", { status: 503 });
    const { result, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv() }),
    );
    expect(result?.runId).toBe("run-1");
    expect(routes()).toEqual(["upload:500", "upload:429", "upload:reset", "upload:200", "archive:503", "archive:200"]);
    expect(output).toContain("Upload request failed (HTTP 500), retry 1/3");
    expect(output).toContain("Upload request failed (HTTP 429), retry 2/3");
    expect(output).toContain("Upload request failed (connection reset (ECONNRESET)), retry 3/3");
    expect(output).toContain("Archive upload failed (HTTP 503), retry 1/3");
    expect(server.uploads[0]!.archive).toBeDefined();
  });

  test("a response slower than the timeout is abandoned and retried", async () => {
    server.script("upload", { delayMs: 800 });
    const env = githubEnv({ PACER_HTTP_TIMEOUT_MS: "300" });
    const { result, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect(result?.runId).toBeDefined();
    expect(output).toContain("Upload request failed (request timed out), retry 1/3");
    expect(server.uploads).toHaveLength(1);
  });

  test("a slow response within the timeout is waited for", async () => {
    server.script("archive", { delayMs: 300 });
    const res = await uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv() });
    expect(res.runId).toBe("run-1");
    expect(routes()).toEqual(["upload:200", "archive:200"]);
  });

  test("a wrong token fails at once with E_AUTH, the GitHub hint and the retry command; the token is never printed", async () => {
    const folder = makeProfileFolder();
    const { error, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: "wrong-token-123456", uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv() }),
    );
    expect(error).toBeInstanceOf(PacerError);
    const e = error as PacerError;
    expect(e.code).toBe("E_AUTH");
    expect(e.message).toBe(`Failed to retrieve upload data from "${server.uploadUrl}": 401: Invalid token`);
    expect(e.hint).toContain("id-token: write");
    expect(e.hint).toContain(`pacer upload --profile-folder ${folder}`);
    expect(routes()).toEqual(["upload:401"]);
    expect(output).not.toContain("wrong-token-123456");
    expect(existsSync(join(folder, "results", "4242.json"))).toBe(true);
  });

  test("after the retries run out the folder stays, and `pacer upload --profile-folder` then succeeds", async () => {
    const folder = makeProfileFolder();
    const env = githubEnv();
    server.script("upload", { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const { error } = await captureStderr(() =>
      uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect((error as PacerError).code).toBe("E_UPLOAD");
    expect((error as PacerError).message).toBe(`Failed to retrieve upload data from "${server.uploadUrl}": 502: Injected 502`);
    expect((error as PacerError).hint).toContain(`pacer upload --profile-folder ${folder}`);
    expect(readdirSync(folder).sort()).toEqual(["latest.json", "perf.pipedata", "results", "runner.log"]);

    const cli = join(import.meta.dir, "../../src/cli.ts");
    const proc = Bun.spawn([process.execPath, cli, "upload", "--profile-folder", folder, "--upload-url", server.uploadUrl], {
      env: { ...env, CODSPEED_TOKEN: TOKEN },
      cwd: tempDir("pacer-cwd-"),
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(stderr).toContain("Performance data uploaded");
    expect(stderr).not.toContain(TOKEN);
    expect(code).toBe(0);
    const ok = server.uploads.find((u) => u.archive);
    expect(ok?.metadata.profileMd5).toBe(createHash("md5").update(ok!.archive!).digest("base64"));
    // The failed attempt never reached the server, so the retry keeps run index 0.
    expect((ok!.metadata.runPart as { runPartId: string }).runPartId).toBe('codspeed-{"run-index":0}');
  });

  test("an unreachable server fails after the retries with the network cause and the retry command", async () => {
    const folder = makeProfileFolder();
    const { error, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: "http://127.0.0.1:9/upload", cwd: tempDir("pacer-cwd-"), env: githubEnv() }),
    );
    const e = error as PacerError;
    expect(e.code).toBe("E_UPLOAD");
    expect(e.message).toBe('Failed to retrieve upload data from "http://127.0.0.1:9/upload": connection refused (ECONNREFUSED) after 4 attempts');
    expect(e.hint).toContain(`pacer upload --profile-folder ${folder}`);
    expect(output.match(/retry \d\/3/g)).toEqual(["retry 1/3", "retry 2/3", "retry 3/3"]);
  });

  test("a fork pull request uploads tokenless and prints the run hash of the exact metadata sent", async () => {
    const env = githubEnv({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: join(EVENTS, "pull-request-fork.json"), GITHUB_REF: "refs/pull/2/merge", GITHUB_BASE_REF: "master" });
    const { result, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: true, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect(result?.runId).toBe("run-1");
    const up = server.uploads[0]!;
    expect(up.authorization).toBeNull();
    expect(up.metadata).toMatchObject({ tokenless: true, headRef: "octocat:changes", event: "pull_request", baseRef: "master", allowEmpty: true });
    const hash = createHash("sha256").update(up.rawMetadata).digest("hex");
    expect(output).toContain(`CodSpeed Run Hash: "${hash}"`);
  });

  test("GitHub OIDC: the token is fetched (through two 500s) and sent as the upload credential", async () => {
    server.script("oidc", { status: 500 }, { status: 500 });
    const env = githubEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: server.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST });
    const { result, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect(result?.runId).toBe("run-1");
    expect(routes()).toEqual(["oidc:500", "oidc:500", "oidc:200", "upload:200", "archive:200"]);
    expect(server.uploads[0]!.authorization).toBe(OIDC_JWT);
    expect(server.uploads[0]!.metadata.tokenless).toBe(false);
    expect(output).not.toContain(OIDC_JWT);
  });

  test("a private repository without the id-token permission fails with E_AUTH before any request", async () => {
    const env = githubEnv({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: join(EVENTS, "pull-request-private.json"), GITHUB_REF: "refs/pull/2/merge" });
    const { error } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect((error as PacerError).code).toBe("E_AUTH");
    expect((error as PacerError).message).toBe("Unable to retrieve OIDC token for authentication");
    expect(server.requests).toHaveLength(0);
  });

  test("Buildkite without a token fails with E_AUTH and the Buildkite hint", async () => {
    const env = { PATH: process.env.PATH, HOME: tempDir("pacer-home-"), BUILDKITE: "true", BUILDKITE_REPO: "git@github.com:acme/widgets.git", BUILDKITE_BRANCH: "main", BUILDKITE_COMMIT: SHA, BUILDKITE_PULL_REQUEST: "false" };
    const { error } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect((error as PacerError).message).toBe("Token authentication is required for Buildkite");
    expect((error as PacerError).hint).toContain("Check that CODSPEED_TOKEN is set");
  });

  test("simulation profiles are gzipped; zstd when PACER_ARCHIVE_ENCODING asks for it", async () => {
    const folder = makeProfileFolder();
    // The encoding the simulation mode declares (ModeSpec.archiveEncoding).
    await uploadProfile({ profileFolder: folder, executor: "valgrind", archiveEncoding: simulationMode.archiveEncoding, allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv() });
    await uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv({ PACER_ARCHIVE_ENCODING: "zstd" }) });
    const [gz, zst] = server.uploads;
    expect(gz!.metadata.profileEncoding).toBe("gzip");
    expect(gz!.archiveHeaders!["content-encoding"]).toBe("gzip");
    expect(zst!.metadata.profileEncoding).toBe("zstd");
    expect(zst!.archiveHeaders!["content-encoding"]).toBe("zstd");
    const fromGz = await untar(gunzipSync(gz!.archive!));
    const fromZst = await untar(Buffer.from(zstdDecompress(zst!.archive!)));
    for (const files of [fromGz, fromZst]) {
      expect(files.get("perf.pipedata")!.data.equals(readFileSync(join(folder, "perf.pipedata")))).toBe(true);
    }
  });

  test("a token written to runner.log by the benchmark is masked in the archive", async () => {
    registerSecret(TOKEN);
    const folder = makeProfileFolder({ logText: `env dump: CODSPEED_TOKEN=${TOKEN}\n` });
    await uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: githubEnv() });
    const files = await untar(server.uploads[0]!.archive!);
    // Same-length masking: the file keeps its size, so the tar header needs no second pass.
    expect(files.get("runner.log")!.data.toString()).toBe(`env dump: CODSPEED_TOKEN=${"*".repeat(TOKEN.length)}\n`);
    expect(server.uploads[0]!.archive!.includes(TOKEN)).toBe(false);
  });

  test("two uploads of one matrix job get run index 0 then 1", async () => {
    const env = githubEnv({ GH_MATRIX: '{"node":"20"}', GH_STRATEGY: '{"fail-fast":true,"job-index":1,"job-total":2,"max-parallel":2}' });
    for (let i = 0; i < 2; i++) {
      await uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env });
    }
    expect(server.uploads.map((u) => (u.metadata.runPart as { runPartId: string }).runPartId)).toEqual([
      'codspeed-{"node":"20"}-{"job-index":1,"job-total":2}-{"run-index":0}',
      'codspeed-{"node":"20"}-{"job-index":1,"job-total":2}-{"run-index":1}',
    ]);
    expect((server.uploads[1]!.metadata.runPart as { metadata: unknown }).metadata).toEqual({ "job-index": 1, "job-total": 2, node: "20", "run-index": 1 });
  });

  test("local run: the stored login token is used, runs go to local-runs, the report is polled and shown", async () => {
    const home = tempDir("pacer-home-");
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), PACER_HTTP_RETRY_BASE_MS: "1" };
    const { writeStoredToken } = await import("../../src/upload/index.ts");
    writeStoredToken(TOKEN, env);
    const { result, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, apiUrl: server.apiUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    expect(result).toEqual({ runId: "run-1", owner: "loopback-user", repository: "local-runs", reportUrl: `${server.url}/loopback-user/local-runs/runs/run-1` });
    expect(server.uploads[0]!.metadata).toMatchObject({ repositoryProvider: "PROJECT", runEnvironment: "LOCAL", event: "local", runPart: null, commitHash: "a".repeat(40) });
    expect(output).toContain("Impact: +3% (allowed regression: -5%)");
    expect(output).toContain("fib: best 1.20 ms (1,000 iterations, rel. stddev: 0.83%, total 1.20 s)");
    expect(output).toContain(`To see the full report, visit: ${server.url}/loopback-user/local-runs/runs/run-1`);
    expect(server.requests.filter((r) => r.route === "graphql")).toHaveLength(3);
  });

  test("a local run without login fails with the `pacer auth login` hint", async () => {
    const home = tempDir("pacer-home-");
    const { error } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env: { HOME: home, XDG_CONFIG_HOME: join(home, ".config") } }),
    );
    expect((error as PacerError).code).toBe("E_AUTH");
    expect((error as PacerError).hint).toContain("pacer auth login");
  });
});
