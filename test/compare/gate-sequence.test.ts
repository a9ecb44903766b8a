/**
 * The gate cannot pass by accident (issue 10 item 3), on real runs recorded in a temporary
 * repository: walltime runs of a tinybench suite (perf disabled, so it is quick), a run with a
 * benchmark removed, an empty run and a memory run, each followed by `compare --check`; then the
 * same rules through `run --compare`. Before this, every step below exited 0 with "No regression".
 * Runs pacer on benchmarks.
 */
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "../..");
const CLI = join(ROOT, "src/cli.ts");
const repo = mkdtempSync(join(tmpdir(), "pacer-gate-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const BENCH = (names: string[]) => `import { Bench } from "tinybench";
import { withCodSpeed } from "@codspeed/tinybench-plugin";
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
const bench = withCodSpeed(new Bench({ iterations: 20, time: 0 }));
${names.map((n) => `bench.add(${JSON.stringify(n)}, () => fib(12));`).join("\n")}
await bench.run();
`;

function sh(args: string[]) {
  const r = Bun.spawnSync(args, {
    cwd: repo,
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_BASE_REF: "", GITHUB_HEAD_REF: "", CI: "", CODSPEED_SKIP_UPLOAD: "true" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString(), all: r.stdout.toString() + r.stderr.toString() };
}
const git = (...a: string[]) => sh(["git", "-c", "user.email=t@t", "-c", "user.name=t", ...a]);
const pacer = (...a: string[]) => sh([process.execPath, CLI, ...a]);
let n = 0;
/** A real run; its profile folder stays inside the temporary repository. */
function run(mode: string, extra: string[], cmd = ["node", "bench.mjs"]) {
  const r = pacer("run", "--mode", mode, "--disable-perf", "--skip-upload", "--profile-folder", join(repo, "profiles", String(n++)), ...extra, "--", ...cmd);
  const id = /Run "([^"]+)" saved/.exec(r.all)?.[1];
  return { ...r, id };
}
function commit(names: string[], msg: string) {
  writeFileSync(join(repo, "bench.mjs"), BENCH(names));
  git("add", "bench.mjs");
  git("commit", "-q", "-m", msg);
}
const config = (extra = "") => writeFileSync(join(repo, "pacer.yml"), `thresholds:\n  default: 1000%\n${extra}`);

const ready = existsSync(CLI) && !!Bun.which("git");

test.skipIf(!ready)("compare --check: no base, same code, a removed benchmark, an empty run, another mode", () => {
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"));
  // Walltime noise must not decide these verdicts: the gate under test is about what is compared.
  writeFileSync(join(repo, ".gitignore"), "node_modules\nprofiles\npacer.yml\n");
  config();
  git("init", "-q", "-b", "main");
  commit(["fib", "sum"], "A");

  const a = run("walltime", []);
  expect(a.code, a.all).toBe(0);
  // 1. The first run has no base: the check fails, unless the user opts out.
  const first = pacer("compare", "--check");
  expect(first.code, first.all).toBe(1);
  expect(first.err).toContain(`No base to compare run "${a.id}" with: no finished walltime run with results on branch "main"`);
  expect(first.err).toContain("--allow-no-base");
  const optOut = pacer("compare", "--check", "--allow-no-base");
  expect(optOut.code, optOut.all).toBe(0);
  expect(optOut.err).toContain("the check passes, as allowed");
  config("  no_base: pass\n");
  expect(pacer("compare", "--check").code).toBe(0);
  config();

  // 2. The same code again: a real comparison that passes.
  const a2 = run("walltime", []);
  expect(a2.code, a2.all).toBe(0);
  const same = pacer("compare", "--check");
  expect(same.code, same.all).toBe(0);
  expect(same.err).toContain("No regression beyond the thresholds (2 gated metrics compared)");

  // 3. A benchmark removed: the head lost what the base measured.
  commit(["fib"], "B: sum removed");
  const b = run("walltime", []);
  expect(b.code, b.all).toBe(0);
  const lost = pacer("compare", "--check");
  expect(lost.code, lost.all).toBe(1);
  expect(lost.err).toContain("1 benchmark of the base is missing from the head:\n  sum (walltime): in the base, missing from the head");
  expect(lost.out).toMatch(/sum +walltime +time .* missing/);
  config("  missing: warn\n");
  const warned = pacer("compare", "--check");
  expect(warned.code, warned.all).toBe(0);
  expect(warned.err).toContain("sum (walltime): in the base, missing from the head");
  config();

  // 4. An empty run (allowed by --allow-empty) is never a passing head.
  const empty = run("walltime", ["--allow-empty"], ["node", "-e", ""]);
  expect(empty.code, empty.all).toBe(0);
  const nothing = pacer("compare", "--check");
  expect(nothing.code, nothing.all).toBe(1);
  expect(nothing.err).toContain(`Run "${empty.id}" has no benchmark results: there is nothing to compare`);
  // …nor a base: the empty run is skipped, the head of another mode finds no base of its own.
  const mem = run("memory", []);
  expect(mem.code, mem.all).toBe(0);
  const otherMode = pacer("compare", "--check");
  expect(otherMode.code, otherMode.all).toBe(1);
  expect(otherMode.err).toContain(`No base to compare run "${mem.id}" with: no finished memory run with results on branch "main"`);
  // 5. Runs of different modes named explicitly: a usage error, not "No regression".
  const mixed = pacer("compare", a.id!, mem.id!, "--check");
  expect(mixed.code, mixed.all).toBe(2);
  expect(mixed.err).toContain(`used different modes: "walltime" and "memory"`);
  // A walltime head picks the latest walltime run with results as its base, skipping the empty one.
  const wall = pacer("compare", "--check", "--mode", "walltime");
  expect(wall.code, wall.all).toBe(1);
  expect(wall.err).toContain(`Run "${empty.id}" has no benchmark results`);
  const byBranch = pacer("compare", "main", b.id!, "--check");
  expect(byBranch.out).toContain(`with ${a2.id}`);
}, 240_000);

test.skipIf(!ready)("run --compare applies the same rules", () => {
  // A memory base exists now (the previous test's run); a walltime head against run A loses "sum".
  const runs = (JSON.parse(pacer("runs", "--json", "-n", "50").out) as { runs: Array<{ id: string; mode: string; measurements: Array<{ benchmarks: unknown[] }> }> }).runs;
  const a = runs.filter((r) => r.mode === "walltime" && r.measurements.some((m) => m.benchmarks.length === 2)).at(-1)!;
  const lost = run("walltime", ["--compare", a.id]);
  expect(lost.code, lost.all).toBe(1);
  expect(lost.err).toContain("sum (walltime): in the base, missing from the head");
  const ok = run("walltime", ["--compare", "latest"]);
  expect(ok.code, ok.all).toBe(0);
  expect(ok.err).toContain("No regression beyond the thresholds (1 gated metrics compared)");
  // No simulation run exists: run --compare with no base fails, passes with --allow-no-base.
  git("checkout", "-q", "-b", "feature");
  const noBase = run("memory", ["--compare", "nonexistent-branch"]);
  expect(noBase.code, noBase.all).toBe(1);
  expect(noBase.err).toContain(`No base to compare run "${noBase.id}" with`);
  const allowed = run("memory", ["--compare", "nonexistent-branch", "--allow-no-base"]);
  expect(allowed.code, allowed.all).toBe(0);
  const empty = run("walltime", ["--allow-empty", "--compare", "main"], ["node", "-e", ""]);
  expect(empty.code, empty.all).toBe(1);
  expect(empty.err).toContain("has no benchmark results: there is nothing to compare");
}, 240_000);
