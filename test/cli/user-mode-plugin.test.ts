/**
 * The issue-12 must-show: a user plugin that is a mode of its own (examples/plugins/cpu-time.ts,
 * `--mode cpu-time`, declared with a ModeSpec), run by the compiled binary in a temporary git
 * repository. Its results reach the table, `--json`, the history (`pacer runs`), `compare --check`
 * (its own rules: CPU time statistical lower-is-better, runs per CPU-second exact higher-is-better),
 * `export --format bencher`, the HTML report and the upload metadata (a real loopback upload server);
 * its folder, copied elsewhere, is re-read by `pacer analyze` and uploaded by `pacer upload`. No file
 * under src/ names the mode's metrics: the core reads them from the ModeSpec alone.
 *
 * The benchmark is a shell loop whose iteration count changes between commits (4×), so the CPU
 * time ratio is asserted against the same test's baseline, not as an absolute number.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, ROOT, hasBinary, runPacer } from "../helpers/pacer.ts";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";

const PLUGIN = join(ROOT, "examples/plugins/cpu-time.ts");
const TOKEN = "tok-user-mode-123456";
const repo = mkdtempSync(join(tmpdir(), "pacer-user-mode-"));
const elsewhere = mkdtempSync(join(tmpdir(), "pacer-user-mode-copy-"));
let server: UploadServer;

beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  rmSync(repo, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

function sh(args: string[], cwd = repo) {
  const r = Bun.spawnSync(args, {
    cwd,
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_BASE_REF: "", GITHUB_HEAD_REF: "", CI: "", CODSPEED_UPLOAD_URL: "", CODSPEED_TOKEN: "", PACER_HISTORY: "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}
const git = (...a: string[]) => sh(["git", "-c", "user.email=t@t", "-c", "user.name=t", ...a]);
const pacer = (...a: string[]) => sh([BINARY, ...a]);
/** Not spawnSync: the loopback upload server answers from this process's event loop. */
const pacerAsync = (...a: string[]) => runPacer(a, { binary: true, cwd: repo, env: { PACER_HISTORY: "" } });
const loop = (n: number) => `i=0; while [ $i -lt ${n} ]; do i=$((i+1)); done\n`;
/** A fresh profile folder under the test's temp folder, so nothing is left in /tmp. */
let folders = 0;
const profile = () => ["--profile-folder", join(elsewhere, `run-${++folders}`)];
/** One exec run of the loop benchmark in cpu-time mode, as JSON. */
function run(...extra: string[]) {
  const r = pacer("exec", "--mode", "cpu-time", "--skip-upload", ...profile(), ...extra, "--json", "--", "sh", "work.sh");
  expect(r.code, r.err).toBe(0);
  const json = JSON.parse(r.out) as { runs: Array<{ id: string; profileFolder: string; measurements: Array<{ instrument: string; benchmarks: Array<{ name: string; metrics: Record<string, number> }> }> }> };
  const m = json.runs[0]!.measurements.find((x) => x.instrument === "cpu-time")!;
  return { id: json.runs[0]!.id, folder: json.runs[0]!.profileFolder, bench: m.benchmarks[0]! };
}

describe.skipIf(!hasBinary())("a user plugin with a mode of its own (needs `npm run build`)", () => {
  test("no file under src/ names the example mode's metrics", () => {
    const r = sh(["git", "grep", "-l", "-e", "runs_per_cpu_s", "-e", "runs-per-cpu-second", "--", "src"], ROOT);
    expect(r.out).toBe("");
  });

  test("its results reach the table, --json, history, compare --check, export, report, upload and analyze", async () => {
    // The config loads the plugin for exec; compare, report and export read the rules saved with the run.
    writeFileSync(join(repo, "pacer.yml"), `plugins:\n  - ["${PLUGIN}", { rounds: 5 }]\n`);
    writeFileSync(join(repo, ".gitignore"), ".pacer\n");
    writeFileSync(join(repo, "work.sh"), loop(30_000));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "A");

    // The table.
    const table = pacer("exec", "--mode", "cpu-time", "--skip-upload", ...profile(), "--", "sh", "work.sh");
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain("CPU Time Instrument");
    expect(table.out).toContain("Runs per CPU-second");
    expect(table.out).toContain("sh work.sh");

    // --json: five rounds, a plausible CPU time for a 30 000-step shell loop, consistent metrics.
    const a = run();
    expect(a.bench.metrics.rounds).toBe(5);
    expect(a.bench.metrics.cpu_time).toBeGreaterThan(0.001);
    expect(a.bench.metrics.cpu_time).toBeLessThan(5);
    expect(a.bench.metrics.runs_per_cpu_s).toBeCloseTo(1 / a.bench.metrics.cpu_time!, 6);
    expect(a.bench.metrics.max_rss).toBeGreaterThan(100 * 1024); // sh's own peak, not pacer's ~30 MB
    expect(a.bench.metrics.max_rss).toBeLessThan(20 * 1024 * 1024);

    // Slower commit: 4× the loop. CPU time follows (bounds generous for a loaded 2-core machine).
    git("checkout", "-q", "-b", "slower");
    writeFileSync(join(repo, "work.sh"), loop(120_000));
    git("commit", "-q", "-am", "B: 4x the loop");
    const b = run();
    const ratio = b.bench.metrics.cpu_time! / a.bench.metrics.cpu_time!;
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(8);

    // History.
    const runs = pacer("runs");
    expect(runs.code, runs.err).toBe(0);
    expect(runs.out).toMatch(/ ok +cpu-time +slower /);
    expect(runs.out).toMatch(/ ok +cpu-time +main /);

    // compare --check: the slower run regresses (both rules, each in its own direction).
    const worse = pacer("compare", a.id, b.id, "--check", "--json");
    expect(worse.code, worse.out + worse.err).toBe(1);
    // Back to the fast loop: an improvement in both directions (CPU time down, runs per CPU-second up).
    git("checkout", "-q", "-b", "faster");
    writeFileSync(join(repo, "work.sh"), loop(30_000));
    git("commit", "-q", "-am", "C: back to 1x");
    const c = run();
    const better = pacer("compare", b.id, c.id, "--check");
    expect(better.code, better.out + better.err).toBe(0);
    expect(better.out).toMatch(/runs_per_cpu_s/);
    expect(better.out).not.toMatch(/REGRESSION/);
    // The higher-is-better rule is read: a run-per-CPU-second drop alone is the regression side.
    expect(worse.out).toMatch(/runs_per_cpu_s/);

    // export: Bencher measures named by the ModeSpec, seconds scaled to ns.
    const exp = pacer("export", c.id, "--format", "bencher");
    expect(exp.code, exp.err).toBe(0);
    const bmf = JSON.parse(exp.out) as Record<string, Record<string, { value: number }>>;
    const entry = Object.values(bmf)[0]!;
    expect(entry["cpu-time"]!.value).toBeCloseTo(c.bench.metrics.cpu_time! * 1e9, -1);
    expect(entry["runs-per-cpu-second"]!.value).toBeCloseTo(c.bench.metrics.runs_per_cpu_s!, 3);

    // The HTML report.
    const report = pacer("report", c.id, "--base", b.id, "-o", "report.html");
    expect(report.code, report.err).toBe(0);
    const html = readFileSync(join(repo, "report.html"), "utf8");
    expect(html).toContain("CPU Time");
    expect(html).toContain("sh work.sh");

    // Upload metadata: the executor comes from the ModeSpec.
    const up = await pacerAsync("exec", "--mode", "cpu-time", ...profile(), "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--", "sh", "work.sh");
    expect(up.code, up.stderr).toBe(0);
    const received = server.uploads.find((u) => u.archive);
    expect((received!.metadata.runner as { executor: string }).executor).toBe("cpu-time");

    // The folder, copied to another place, is re-read offline and uploaded from there.
    const copy = join(elsewhere, "profile");
    cpSync(c.folder, copy, { recursive: true });
    // A folder read alone: the plugin comes with --plugin (the config is not read).
    const analyzed = pacer("analyze", copy, "--plugin", PLUGIN, "--json");
    expect(analyzed.code, analyzed.err).toBe(0);
    const again = JSON.parse(analyzed.out) as { mode: string; modeFrom: string; measurements: Array<{ benchmarks: Array<{ metrics: Record<string, number> }> }> };
    expect(again.mode).toBe("cpu-time");
    expect(again.modeFrom).toBe("record");
    expect(again.measurements[0]!.benchmarks[0]!.metrics).toEqual(c.bench.metrics);
    // Without pacer-run.json the ModeSpec's `recognizes` tells the mode.
    rmSync(join(copy, "pacer-run.json"));
    const recognized = pacer("analyze", copy, "--plugin", PLUGIN, "--json");
    expect(recognized.code, recognized.err).toBe(0);
    expect((JSON.parse(recognized.out) as { modeFrom: string }).modeFrom).toBe("files");
    server.reset();
    const offline = await pacerAsync("upload", "--profile-folder", copy, "--plugin", PLUGIN, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--no-poll");
    expect(offline.code, offline.stderr).toBe(0);
    expect((server.uploads.find((u) => u.archive)!.metadata.runner as { executor: string }).executor).toBe("cpu-time");
  }, 300_000);
});
