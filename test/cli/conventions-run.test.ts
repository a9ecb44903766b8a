/**
 * The conventions of conventions.test.ts on the commands that run a benchmark or read its profile
 * folder: run, exec, analyze, upload (to a real loopback upload server). Runs benchmarks: wrap it in
 * `flock /tmp/pacer-tests.lock`.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";
import { BINARY, hasBinary, runPacer } from "../helpers/pacer.ts";

const TOKEN = "tok-conventions-123456";
const work = mkdtempSync(join(tmpdir(), "pacer-conventions-run-"));
const folder = join(work, "profile");
let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const QUICK = ["--skip-upload", "--max-rounds", "3", "--warmup-time", "0"];
const pacer = (args: string[], env: Record<string, string> = {}) => runPacer(args, { binary: true, cwd: work, env: { NO_COLOR: "", FORCE_COLOR: "", ...env } });
const schemaOf = (stdout: string) => (JSON.parse(stdout) as { schema: string }).schema;

test.skipIf(!hasBinary())("exec --json: stdout is only its JSON, with pacer.exec/1", async () => {
  const r = await pacer(["exec", ...QUICK, "--profile-folder", folder, "--json", "--", "true"]);
  expect(r.code, r.stderr).toBe(0);
  expect(schemaOf(r.stdout)).toBe("pacer.exec/1");
  expect((JSON.parse(r.stdout) as { runs: unknown[] }).runs).toHaveLength(1);
}, 120_000);

test.skipIf(!hasBinary())("analyze and upload --json read that folder and carry their schema", async () => {
  const a = await pacer(["analyze", folder, "--json"]);
  expect(a.code, a.stderr).toBe(0);
  expect(schemaOf(a.stdout)).toBe("pacer.analyze/1");
  // The worktree is a git checkout with a remote: the local upload finds its repository there.
  const u = await runPacer(["upload", "--profile-folder", folder, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--no-poll", "--json"], { binary: true });
  expect(u.code, u.stderr).toBe(0);
  const out = JSON.parse(u.stdout) as { schema: string; runId: string };
  expect(out.schema).toBe("pacer.upload/1");
  expect(out.runId).toBeString();
  expect(u.stdout + u.stderr).not.toContain(TOKEN);
}, 120_000);

test.skipIf(!hasBinary())("run --json (no integration, --allow-empty) carries pacer.run/1", async () => {
  const r = await pacer(["run", "--mode", "walltime", "--skip-upload", "--allow-empty", "--json", "--", "true"]);
  expect(r.code, r.stderr).toBe(0);
  expect(schemaOf(r.stdout)).toBe("pacer.run/1");
}, 120_000);

test.skipIf(!hasBinary())("run -- <plain command> without --allow-empty suggests pacer exec with that command", async () => {
  const r = await pacer(["run", "--mode", "walltime", "--skip-upload", "--", "sleep", "0.01"]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("hint: No CodSpeed integration spoke to pacer: to benchmark the command itself, run `pacer exec -- sleep 0.01`");
}, 120_000);

test.skipIf(!hasBinary())("--quiet leaves only the result: no heading, no progress, no probe line", async () => {
  const r = await pacer(["exec", ...QUICK, "--quiet", "--", "true"]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("Walltime Instrument");
}, 120_000);

test.skipIf(!hasBinary())("in GitHub Actions the probe's summary lands inside its group; --verbose adds the per-feature reasons", async () => {
  const env = { GITHUB_ACTIONS: "true", CODSPEED_LOG: "info" };
  const r = await pacer(["exec", ...QUICK, "--", "true"], env);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stderr.split("\n");
  const open = lines.indexOf("::group::Checking the instruments");
  const close = lines.indexOf("::endgroup::", open);
  expect(open).toBeGreaterThanOrEqual(0);
  expect(lines.filter((l) => l.startsWith("::group::")).length).toBe(lines.filter((l) => l === "::endgroup::").length);
  const probeLines = lines.filter((l) => /^\[walltime\] .*\boff\b/.test(l));
  // Each probe line sits between the group's start and end; at most one per instrument.
  for (const l of probeLines) {
    expect(lines.indexOf(l)).toBeGreaterThan(open);
    expect(lines.indexOf(l)).toBeLessThan(close);
  }
  expect(probeLines.length).toBeLessThanOrEqual(1);
  if (!probeLines[0]?.includes("features off")) return; // every feature on (a PMU), or one line already
  const v = await pacer(["exec", ...QUICK, "--verbose", "--", "true"], env);
  expect(v.stderr).toMatch(/::debug::\[walltime\] [\w:-]+: off \(/);
}, 120_000);

test.skipIf(!hasBinary())("EPIPE during a run: quiet, and the run still ends with its own code", async () => {
  const r = Bun.spawnSync(["bash", "-c", 'set -o pipefail; "$@" | :', "bash", BINARY, "exec", ...QUICK, "--json", "--", "true"], {
    cwd: work,
    env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "" },
  });
  expect(r.stderr.toString()).not.toContain("EPIPE");
  expect(r.exitCode).toBe(0);
}, 120_000);
