/**
 * The commands as users type them: `pacer serve` in its own process, `pacer serve token create`
 * printing the token as the last stdout line, and `pacer upload --upload-url --api-url` pointed at
 * the server, unchanged, in a GitHub Actions push.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runPacer } from "../helpers/pacer.ts";
import { cleanupTempDirs, githubEnv, tempDir } from "../upload/_profile.ts";
import { cleanupProfiles, eventually, simulationProfile } from "./_server.ts";

const dataDir = mkdtempSync(join(tmpdir(), "pacer-serve-cli-"));
let proc: ReturnType<typeof Bun.spawn>;
let url = "";
let stderr = "";

beforeAll(async () => {
  proc = Bun.spawn([process.execPath, join(ROOT, "src/cli.ts"), "serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir], { stdout: "ignore", stderr: "pipe" });
  const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
  url = await eventually(async () => {
    const { value } = await reader.read();
    stderr += new TextDecoder().decode(value ?? new Uint8Array());
    return /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
  });
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      stderr += new TextDecoder().decode(value);
    }
  })();
});
afterAll(async () => {
  proc.kill("SIGTERM");
  expect(await proc.exited).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
  cleanupProfiles();
  cleanupTempDirs();
});

test("token create prints the token last; pacer upload with it is processed; the token never reaches the server log", async () => {
  const created = await runPacer(["serve", "token", "create", "--project", "Codertocat/Hello-World", "--data-dir", dataDir]);
  expect(created.code).toBe(0);
  const token = created.stdout.trim().split("\n").at(-1)!;
  expect(token).toMatch(/^pacer_[\w-]{43}$/);

  const env = githubEnv({ CODSPEED_TOKEN: token, GITHUB_SHA: "d".repeat(40) }) as Record<string, string>;
  // The folder is a hand-made run record (no callgrind files): --allow-empty lets `pacer upload` send
  // it although its instruments find nothing to re-read; the server reads the record.
  const up = await runPacer(["upload", "--allow-empty", "--profile-folder", simulationProfile({ fib: 0.001 }), "--upload-url", `${url}/upload`, "--api-url", `${url}/graphql`], { env, cwd: tempDir("pacer-cwd-") });
  expect(up.stderr).toContain("Performance data uploaded");
  expect(up.code).toBe(0);

  const runs = await eventually(async () => {
    const r = (await (await fetch(`${url}/api/v1/projects/Codertocat/Hello-World/runs`, { headers: { authorization: token } })).json()) as { runs: Array<{ status: string; branch: string }> };
    return r.runs[0]?.status === "COMPLETED" ? r.runs : undefined;
  });
  expect(runs[0]!.branch).toBe("master");
  expect(stderr).not.toContain(token);
}, 60_000);

test("a bad flag is a usage error naming it", async () => {
  const r = await runPacer(["serve", "--listen", "nope"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`Invalid --listen "nope": expected HOST:PORT`);
});
