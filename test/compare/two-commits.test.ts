/**
 * The must-show of the local results: the example suite run (simulation, real valgrind) on commit
 * A of a temporary repository, then on commit B where one benchmark is deliberately slower;
 * `pacer compare --check` fails naming it, and passes with a looser threshold. Then `runs`,
 * `report` and `export` on the same history. Slow (two valgrind runs): about two minutes.
 */
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "../..");
const CLI = join(ROOT, "src/cli.ts");
const repo = mkdtempSync(join(tmpdir(), "pacer-two-commits-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const BENCH = (slowN: number) => `import { Bench } from "tinybench";
import { withCodSpeed } from "@codspeed/tinybench-plugin";
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
const bench = withCodSpeed(new Bench({ iterations: 5, time: 0 }));
bench.add("fib", () => fib(${slowN})).add("sum", () => sum(2000));
await bench.run();
`;

function sh(args: string[], env: Record<string, string> = {}) {
  const r = Bun.spawnSync(args, {
    cwd: repo,
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_BASE_REF: "", GITHUB_HEAD_REF: "", CI: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}
const git = (...a: string[]) => sh(["git", "-c", "user.email=t@t", "-c", "user.name=t", ...a]);
const pacer = (...a: string[]) => sh([process.execPath, CLI, ...a]);

const ready = !!Bun.which("valgrind") && existsSync(CLI);

test.skipIf(!ready)("compare --check fails on the slowed commit, passes with a looser threshold (needs valgrind)", () => {
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"));
  writeFileSync(join(repo, ".gitignore"), "node_modules\n");
  writeFileSync(join(repo, "bench.mjs"), BENCH(12));
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "A");
  const a = pacer("run", "--mode", "simulation", "--skip-upload", "--", "node", "bench.mjs");
  expect(a.code, a.err).toBe(0);

  git("checkout", "-q", "-b", "slower");
  writeFileSync(join(repo, "bench.mjs"), BENCH(16)); // fib(16) does ~7× the work of fib(12)
  git("commit", "-q", "-am", "B: slower fib");
  const b = pacer("run", "--mode", "simulation", "--skip-upload", "--", "node", "bench.mjs");
  expect(b.code, b.err).toBe(0);

  const runs = pacer("runs");
  expect(runs.code).toBe(0);
  const lines = runs.out.trim().split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/ ok +simulation +slower /);
  expect(lines[2]).toMatch(/ ok +simulation +main /);

  // Default: latest run of this branch against the latest run of the base branch (main).
  const failed = pacer("compare", "--check");
  console.log(failed.out + failed.err); // shown in the test log: the must-show output
  expect(failed.code, failed.out + failed.err).toBe(1);
  expect(failed.err).toMatch(/regressed beyond the threshold:\n {2}fib \(simulation time\): \+\d+/);
  expect(failed.err).not.toMatch(/\n {2}sum \(/);
  expect(failed.out).toMatch(/fib +simulation +time .* REGRESSION slower/);

  const loose = pacer("compare", "--check", "--threshold", "2000%");
  expect(loose.code, loose.out + loose.err).toBe(0);
  writeFileSync(join(repo, "pacer.yml"), "thresholds:\n  benchmarks:\n    fib: 2000%\n");
  expect(pacer("compare", "--check").code).toBe(0);
  writeFileSync(join(repo, "pacer.yml"), "thresholds:\n  metrics:\n    simulation.ir: 1000%\n");
  expect(pacer("compare", "main", "slower", "--check").code).toBe(1);

  const report = pacer("report", "--base", "main", "-o", "report.html");
  expect(report.code, report.err).toBe(0);
  const html = readFileSync(join(repo, "report.html"), "utf8");
  expect(html).toContain('<tr class="regression"><td>fib</td>');
  expect(html).toContain("Differential flame graph");
  expect(readFileSync(join(repo, "report.md"), "utf8")).toContain("❌");

  const bmf = JSON.parse(pacer("export", "--format", "bencher").out) as Record<string, Record<string, { value: number }>>;
  expect(Object.keys(bmf).sort()).toEqual(["bench.mjs::fib", "bench.mjs::sum"]);
  expect(bmf["bench.mjs::fib"]!.instructions!.value).toBeGreaterThan(0);
}, 600_000);
