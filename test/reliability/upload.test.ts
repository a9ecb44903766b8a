/**
 * Reliability cases of the upload (issue 11, items 2, 3, 8, 10, 12): a loopback server that stalls,
 * answers `null`, redirects or streams 400 MB; tokens hidden in large and binary files; Ctrl-C in
 * the middle of a PUT. Each case asserts the good behaviour; docs/reliability/upload.md lists them.
 * Cases that need the process (peak RSS, signals, a retry command run verbatim) run `dist/pacer`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PacerError } from "../../src/errors.ts";
import { registerSecret } from "../../src/log/mask.ts";
import { loginWithSession, uploadProfile } from "../../src/upload/index.ts";
import { BINARY, hasBinary } from "../helpers/pacer.ts";
import { startUploadServer, type Fault, type UploadServer } from "../helpers/upload-server.ts";
import { captureStderr, cleanupTempDirs, githubEnv, makeProfileFolder, tempDir } from "../upload/_profile.ts";

const TOKEN = "cs-reliability-token-0123456789";
const OIDC_REQUEST = "actions-request-token-reliab";
const noBinary = !hasBinary();
const canMount = process.getuid?.() === 0 && !!Bun.which("mount");
// Several cases spawn the binary or move 48 MiB through a stalling server on a shared 2-core box.
setDefaultTimeout(60_000);

let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN, oidcRequestToken: OIDC_REQUEST, oidcToken: "unused-oidc-jwt-000" });
});
afterAll(() => server.close());
afterEach(() => {
  server.reset();
  cleanupTempDirs();
});

const upload = (folder: string, env: NodeJS.ProcessEnv = githubEnv()) =>
  captureStderr(() => uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, apiUrl: server.apiUrl, cwd: tempDir("pacer-cwd-"), env }));

function pacerError(e: unknown): PacerError {
  expect(e).toBeInstanceOf(PacerError);
  return e as PacerError;
}

interface ProcRun {
  code: number | null;
  stderr: string;
  /** Peak RSS of the pacer process (kB), sampled from /proc/<pid>/status. */
  vmHwmKb: number;
  /** What was left in the process's private TMPDIR. */
  leftInTmp: string[];
}

/** Runs `dist/pacer upload` against the server with a private TMPDIR; `during` runs once the process started. */
async function pacerUpload(folder: string, opts: { env?: Record<string, string>; during?: (pid: number, tmp: string) => Promise<void> } = {}): Promise<ProcRun> {
  const tmp = tempDir("pacer-tmpdir-");
  const env = { ...githubEnv(), TMPDIR: tmp, ...opts.env } as Record<string, string>;
  const args = ["upload", "--profile-folder", folder, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN];
  const proc = Bun.spawn([BINARY, ...args], { env, stdout: "ignore", stderr: "pipe" });
  let vmHwmKb = 0;
  const sample = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"));
      if (m) vmHwmKb = Math.max(vmHwmKb, Number(m[1]));
    } catch {
      // exited between samples
    }
  }, 10);
  const kill = setTimeout(() => proc.kill("SIGKILL"), 90_000);
  const stderr = new Response(proc.stderr).text();
  await opts.during?.(proc.pid, tmp);
  const code = await proc.exited;
  clearTimeout(kill);
  clearInterval(sample);
  return { code, stderr: await stderr, vmHwmKb, leftInTmp: readdirSync(tmp) };
}

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await Bun.sleep(20);
  }
}

/** The command inside "retry with `…`" (GitHub annotations encode newlines only, not backticks). */
function retryCommandOf(stderr: string): string {
  const m = /retry with `([^`]+)`/.exec(stderr);
  expect(m).not.toBeNull();
  return m![1]!;
}

describe("tokens never leave the machine (item 2)", () => {
  test("a token at the end of a 20 MiB text file is masked in the archive", async () => {
    registerSecret(TOKEN);
    const folder = makeProfileFolder();
    writeFileSync(join(folder, "big.log"), "x".repeat(20 * 2 ** 20) + `CODSPEED_TOKEN=${TOKEN}\n`);
    const { result, output } = await upload(folder);
    expect(result?.runId).toBe("run-1");
    const archive = server.uploads[0]!.archive!;
    expect(archive.includes(TOKEN)).toBe(false);
    expect(archive.includes(`CODSPEED_TOKEN=${"*".repeat(TOKEN.length)}\n`)).toBe(true);
    expect(output).toContain("Masked 1 occurrence of a secret");
  });

  test("a token inside a binary file with NUL bytes is masked; the other bytes and the size are kept", async () => {
    registerSecret(TOKEN);
    const folder = makeProfileFolder();
    const bin = Buffer.concat([Buffer.from([0, 0, 7, 255]), Buffer.from(TOKEN), Buffer.from([0, 1])]);
    writeFileSync(join(folder, "perf.bin"), bin);
    await upload(folder);
    const archive = server.uploads[0]!.archive!;
    expect(archive.includes(TOKEN)).toBe(false);
    const masked = Buffer.concat([Buffer.from([0, 0, 7, 255]), Buffer.from("*".repeat(TOKEN.length)), Buffer.from([0, 1])]);
    expect(archive.includes(masked)).toBe(true);
  });

  test("a token in a file name or a symlink target is masked too", async () => {
    registerSecret(TOKEN);
    const folder = makeProfileFolder();
    mkdirSync(join(folder, `dir-${TOKEN}`));
    symlinkSync(`/nowhere/${TOKEN}`, join(folder, "link"));
    await upload(folder);
    expect(server.uploads[0]!.archive!.includes(TOKEN)).toBe(false);
  });
});

describe("the retry command targets the same server (item 3)", () => {
  test.skipIf(noBinary)("the printed command, run verbatim by bash, uploads the kept folder to the same server", async () => {
    const base = tempDir("pacer-retry-");
    // A folder name the shell must not split or expand.
    const folder = join(base, "profile dir 'quoted' $HOME");
    mkdirSync(folder);
    const src = makeProfileFolder();
    for (const f of ["runner.log", "perf.pipedata"]) writeFileSync(join(folder, f), readFileSync(join(src, f)));
    cpSync(join(src, "results"), join(folder, "results"), { recursive: true });
    server.script("upload", { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const first = await pacerUpload(folder);
    expect(first.code).toBe(1);
    const cmd = retryCommandOf(first.stderr);
    expect(cmd).toContain(`--upload-url ${server.uploadUrl}`);
    expect(cmd).toContain(`--api-url ${server.apiUrl}`);
    expect(cmd).not.toContain(TOKEN);
    expect(first.stderr).not.toContain(TOKEN);
    // `pacer` on PATH is the binary; the token is handed over by name, as the hint says.
    const bin = tempDir("pacer-bin-");
    symlinkSync(BINARY, join(bin, "pacer"));
    // Async: the loopback server runs in this process and must keep answering.
    const retry = Bun.spawn(["bash", "-c", cmd], {
      env: { ...githubEnv(), PATH: `${bin}:${process.env.PATH}`, CODSPEED_TOKEN: TOKEN } as Record<string, string>,
      stdout: "ignore",
      stderr: "pipe",
    });
    const [stderr, code] = await Promise.all([new Response(retry.stderr).text(), retry.exited]);
    expect(stderr).toContain("Performance data uploaded");
    expect(code).toBe(0);
    expect(server.uploads).toHaveLength(1);
    expect(server.uploads[0]!.authorization).toBe(TOKEN);
  });
});

describe("a password in the upload URL is a secret (item 2)", () => {
  test("it is masked in the error and its hint, the rest of the URL is kept", async () => {
    const password = "url-pass-word-42";
    const url = server.uploadUrl.replace("http://", `http://ci:${password}@`);
    server.script("upload", { status: 400 });
    const { error, output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: url, cwd: tempDir("pacer-cwd-"), env: githubEnv() }),
    );
    const e = pacerError(error);
    const { maskSecrets } = await import("../../src/log/mask.ts");
    // What the CLI prints goes through the masker; the retry command keeps the user name and host.
    const printed = maskSecrets(`${e.message}\n${e.hint}\n${output}`);
    expect(printed).not.toContain(password);
    expect(printed).toContain("--upload-url http://ci:***@127.0.0.1:");
  });
});

describe("stalls are detected, retried and bounded (item 8)", () => {
  const fast = (extra: Record<string, string> = {}) =>
    githubEnv({ PACER_UPLOAD_STALL_TIMEOUT: "1", PACER_UPLOAD_PROGRESS_INTERVAL: "0.4", ...extra });

  test("a server that stops reading mid-body is detected within seconds, retried, and progress is shown", async () => {
    const folder = makeProfileFolder();
    // Larger than the loopback socket buffers, so the stall happens while the body is being sent.
    writeFileSync(join(folder, "big.bin"), Buffer.alloc(48 * 2 ** 20, 1));
    server.script("archive", { stallAfterBytes: 2 ** 20 });
    const t0 = Date.now();
    // 2 s: long enough that a loaded machine does not look like a stall, and leaves room for a
    // progress line while nothing moves.
    const { result, output } = await upload(folder, fast({ PACER_UPLOAD_STALL_TIMEOUT: "2" }));
    const secs = (Date.now() - t0) / 1000;
    expect(result?.runId).toBe("run-1");
    expect(output).toContain("Archive upload failed (no bytes moved for 2 s), retry 1/3");
    expect(output).toMatch(/Uploading the archive: [\d.]+ MiB \/ [\d.]+ MiB \((\d|[1-9]\d)%\), [\d.]+ MiB\/s, nothing sent for \d+ s/);
    expect(server.requests.filter((r) => r.route === "archive").map((r) => r.status)).toEqual(["stalled", 200]);
    // Before: silent for 70 s and up to 10 min per attempt. Generous bound for a loaded machine.
    expect(secs).toBeLessThan(20);
  });

  test("a server that takes the body but never answers is detected the same way", async () => {
    server.script("archive", { stallAfterBytes: 10 * 2 ** 20 });
    const { result, output } = await upload(makeProfileFolder(), fast());
    expect(result?.runId).toBe("run-1");
    expect(output).toContain("no bytes moved for 1 s");
  });

  test("a server that stalls every attempt hits the total limit, with the limit and the retry command named", async () => {
    const stall: Fault = { stallAfterBytes: 10 * 2 ** 20 };
    server.script("archive", stall, stall, stall, stall);
    const t0 = Date.now();
    const { error } = await upload(makeProfileFolder(), fast({ PACER_UPLOAD_TIMEOUT: "3", PACER_HTTP_RETRY_BASE_MS: "200" }));
    const e = pacerError(error);
    expect(e.code).toBe("E_UPLOAD");
    expect(e.message).toMatch(/^Failed to upload performance report: gave up after \d attempts?: the 3 s upload limit \(--upload-timeout or PACER_UPLOAD_TIMEOUT\) was reached/);
    expect(e.hint).toContain("pacer upload --profile-folder");
    expect((Date.now() - t0) / 1000).toBeLessThan(15);
  });

  test("stalls on every retry end with a hint to raise the stall limit", async () => {
    const stall: Fault = { stallAfterBytes: 10 * 2 ** 20 };
    server.script("archive", stall, stall, stall, stall);
    const e = pacerError((await upload(makeProfileFolder(), fast())).error);
    expect(e.message).toBe("Failed to upload performance report: no bytes moved for 1 s after 4 attempts");
    expect(e.hint).toStartWith("If the link is just slow, raise --stall-timeout or PACER_UPLOAD_STALL_TIMEOUT. The profile folder was kept");
  });

  test("invalid limits are usage errors naming the variable", async () => {
    const { error } = await upload(makeProfileFolder(), githubEnv({ PACER_UPLOAD_TIMEOUT: "soon" }));
    const e = pacerError(error);
    expect(e.code).toBe("E_USAGE");
    expect(e.message).toBe('Invalid PACER_UPLOAD_TIMEOUT "soon": expected a number of seconds above 0');
    // Raised after the run in `pacer run`: the kept folder must still be retryable.
    expect(e.hint).toContain("pacer upload --profile-folder");
  });
});

describe("every reply is validated and capped (item 10)", () => {
  test.each([
    ["null", "the reply: expected Object, got null"],
    ['{"status":"success","runId":"r1"}', '"uploadUrl" is missing'],
    ['{"status":"success","uploadUrl":"http://x/a","runId":5}', '"runId": expected string, got 5'],
    ["<html>oops</html>", "not JSON (HTTP 200, 17 bytes)"],
  ])("upload slot reply %s is refused naming the endpoint and the problem", async (body, detail) => {
    server.script("upload", { reply: body });
    const e = pacerError((await upload(makeProfileFolder())).error);
    expect(e.code).toBe("E_UPLOAD");
    expect(e.message).toBe(`Unexpected reply to the upload request from "${server.uploadUrl}": ${detail}`);
    expect(e.hint).toContain(`--upload-url ${server.uploadUrl}`);
  });

  test("a 302 on the POST is not followed as a GET: the Location is named", async () => {
    server.script("upload", { redirect: 302, location: "{base}/elsewhere" });
    const e = pacerError((await upload(makeProfileFolder())).error);
    expect(e.message).toBe(`Failed to retrieve upload data from "${server.uploadUrl}": 302: redirected to "${server.url}/elsewhere" (pacer does not follow redirects)`);
    expect(server.requests.map((r) => `${r.method} ${r.route}`)).toEqual(["POST upload"]);
  });

  test("a 307 on the PUT is not followed either", async () => {
    server.script("archive", { redirect: 307, location: "{base}/archive/other" });
    const e = pacerError((await upload(makeProfileFolder())).error);
    expect(e.message).toBe(`Failed to upload performance report: 307: redirected to "${server.url}/archive/other" (pacer does not follow redirects)`);
    expect(server.requests.map((r) => `${r.method} ${r.route}`)).toEqual(["POST upload", "PUT archive"]);
  });

  test("a GraphQL reply of null or of the wrong shape names the operation", async () => {
    const log = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<typeof loginWithSession>[0]["log"];
    server.script("graphql", { reply: "null" });
    const e1 = pacerError(await loginWithSession({ apiUrl: server.apiUrl, log, open: () => false }).catch((e) => e));
    expect(e1.message).toBe(`Unexpected reply to the CreateLoginSession from "${server.apiUrl}": the reply: expected Object, got null`);
    server.script("graphql", { reply: '{"data":{"createLoginSession":{"callbackUrl":"x","sessionId":"s1"}}}' });
    const e2 = pacerError(await loginWithSession({ apiUrl: server.apiUrl, log, open: () => false }).catch((e) => e));
    expect(e2.message).toContain('"createLoginSession.callbackUrl": expected');
  });

  test("an OIDC reply without a string value is refused, not sent as a token", async () => {
    server.script("oidc", { reply: '{"value":null}' });
    const env = githubEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: server.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST });
    const { output } = await captureStderr(() =>
      uploadProfile({ profileFolder: makeProfileFolder(), executor: "walltime", allowEmpty: false, uploadUrl: server.uploadUrl, cwd: tempDir("pacer-cwd-"), env }),
    );
    // A public repository falls back to a tokenless upload, as the reference says.
    expect(output).toContain('Unexpected reply to the OIDC token request from "');
    expect(output).toContain('"value": expected string, got null');
    expect(server.uploads[0]?.authorization ?? null).toBeNull();
  });

  test.skipIf(noBinary)("a 400 MB reply is refused after 1 MiB: pacer's peak RSS stays near a normal upload's", async () => {
    const normal = await pacerUpload(makeProfileFolder());
    expect(normal.code).toBe(0);
    for (const chunked of [false, true]) {
      server.reset();
      server.script("upload", { hugeReplyBytes: 400 * 2 ** 20, chunked });
      const huge = await pacerUpload(makeProfileFolder());
      expect(huge.code).toBe(1);
      expect(huge.stderr).toContain(`The reply of "${server.uploadUrl}" is larger than 1048576 bytes: refused (HTTP 200)`);
      // Before: 565 MB. Relative to the normal upload measured here, so a loaded machine does not matter.
      expect(huge.vmHwmKb).toBeLessThan(normal.vmHwmKb + 64 * 1024);
    }
  });
});

describe("an interrupted upload leaves nothing behind and says how to retry (item 12)", () => {
  test.skipIf(noBinary).each(["SIGINT", "SIGTERM"] as const)("%s mid-PUT: the private 0600 archive is removed and the retry command printed", async (sig) => {
    server.script("archive", { stallAfterBytes: 10 * 2 ** 20 });
    let seen: { dirMode: number; fileMode: number; entries: string[] } | undefined;
    const run = await pacerUpload(makeProfileFolder(), {
      during: async (pid, tmp) => {
        await waitFor(() => server.requests.some((r) => r.route === "archive"));
        const [dir] = readdirSync(tmp);
        const entries = readdirSync(join(tmp, dir!)).sort();
        seen = { dirMode: statSync(join(tmp, dir!)).mode & 0o777, fileMode: statSync(join(tmp, dir!, "profile.tar")).mode & 0o777, entries };
        process.kill(pid, sig);
      },
    });
    expect(seen).toEqual({ dirMode: 0o700, fileMode: 0o600, entries: [".pacer-owner", "profile.tar"] }); // the owner lock: a SIGKILLed upload's folder is removed by the next pacer
    expect(run.code).toBe(sig === "SIGINT" ? 130 : 143);
    expect(run.leftInTmp).toEqual([]);
    expect(run.stderr).toContain("The upload did not finish. The profile folder was kept: retry with `pacer upload --profile-folder");
    expect(retryCommandOf(run.stderr)).toContain(`--upload-url ${server.uploadUrl}`);
  });

  test.skipIf(!canMount)("a full TMPDIR (2 MiB tmpfs) is named with the free space; nothing is left in it", async () => {
    const tmp = tempDir("pacer-tmpfs-");
    expect(Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", tmp]).exitCode).toBe(0);
    const prev = process.env.TMPDIR;
    const folder = makeProfileFolder();
    const env = githubEnv();
    const cwd = tempDir("pacer-cwd-");
    try {
      // os.tmpdir() reads TMPDIR on each call; the archive (3 MiB of perf data) cannot fit.
      process.env.TMPDIR = tmp;
      const { error } = await captureStderr(() =>
        uploadProfile({ profileFolder: folder, executor: "walltime", allowEmpty: false, token: TOKEN, uploadUrl: server.uploadUrl, cwd, env }),
      );
      const e = pacerError(error);
      expect(e.code).toBe("E_IO");
      expect(e.message).toMatch(new RegExp(`^Cannot write the upload archive in "${tmp}": no space left on device \\([\\d.]+ MiB free, the profile folder holds 3\\.0 MiB\\)$`));
      expect(e.hint).toContain("point TMPDIR to a larger disk");
      expect(e.hint).toContain("pacer upload --profile-folder");
      expect(readdirSync(tmp)).toEqual([]);
      expect(server.requests).toEqual([]);
    } finally {
      if (prev === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = prev;
      Bun.spawnSync(["umount", tmp]);
    }
  });

  test.skipIf(noBinary)("a failed upload leaves TMPDIR empty too", async () => {
    server.script("archive", { status: 400 });
    const run = await pacerUpload(makeProfileFolder());
    expect(run.code).toBe(1);
    expect(run.leftInTmp).toEqual([]);
  });
});
