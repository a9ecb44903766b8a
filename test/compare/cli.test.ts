/** The `runs`, `compare`, `export` commands through the CLI entry, on a prepared history. */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation, walltime } from "../history/make-record.ts";

const CLI = join(import.meta.dir, "../../src/cli.ts");
const dir = mkdtempSync(join(tmpdir(), "pacer-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = makeRecord({ measurements: [simulation()] });
const head = makeRecord({ git: { commit: "b".repeat(40), branch: "feature", dirty: true, root: null }, measurements: [simulation({ "fib 20": 1.1 }), walltime()] });
const h = openHistory({ cwd: dir });
for (const r of [base, head]) (h.begin(r), h.finish(r));
h.close();

function pacer(args: string[], env: Record<string, string> = {}) {
  const r = Bun.spawnSync([process.execPath, CLI, ...args], { cwd: dir, env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", CI: "", ...env } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

test("compare --check in GitHub Actions fails, names the benchmark and writes the step summary", () => {
  const summary = join(dir, "summary.md");
  const r = pacer(["compare", base.id, head.id, "--check"], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
  expect(r.code).toBe(1);
  expect(r.err).toContain("::error::[compare] 1 benchmark metric regressed beyond the threshold:%0A  fib 20 (simulation time): +10.0%, allowed +5.0%");
  expect(r.err).toContain(`::warning::[compare] Run "${head.id}" was made with uncommitted changes`);
  expect(readFileSync(summary, "utf8")).toContain("| ❌ | fib 20 | simulation time |");
});

test("compare --json gives the rows", () => {
  const r = pacer(["compare", base.id, head.id, "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out) as { regressions: number; rows: Array<{ name: string; metric: string; verdict: string }> };
  expect(j.regressions).toBe(1);
  expect(j.rows.find((x) => x.name === "fib 20" && x.metric === "ir")?.verdict).toBe("slower");
});

test("runs lists both runs and marks the dirty one", () => {
  const r = pacer(["runs"]);
  expect(r.out).toContain(`${head.id}  ok      simulation  feature  bbbbbbb*`);
  expect(r.out).toContain("* uncommitted changes");
  expect(JSON.parse(pacer(["runs", "--json", "-n", "1"]).out).runs).toHaveLength(1);
});

test("usage errors exit 2 with a hint", () => {
  const bad = pacer(["export", head.id, "--format", "xlsx"]);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain(`Unknown export format "xlsx"`);
  expect(pacer(["compare", "a", "b", "c"]).code).toBe(2);
  expect(pacer(["runs", "--limit", "0"]).code).toBe(2);
  const unknown = pacer(["compare", "no-such-run", head.id]);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain(`No base to compare run "${head.id}" with: no finished simulation run with results on "no-such-run"`);
  expect(pacer(["compare", base.id, "no-such-run"]).err).toContain(`No recorded run matches "no-such-run"`);
}, 30_000); // six CLI starts: slow on a loaded 2-core machine

test("export writes Bencher JSON to a file", () => {
  expect(pacer(["export", head.id, "--format", "bencher", "-o", "bmf.json"]).code).toBe(0);
  const bmf = JSON.parse(readFileSync(join(dir, "bmf.json"), "utf8")) as Record<string, Record<string, unknown>>;
  expect(Object.keys(bmf["bench.mjs::fib 20"]!).sort()).toEqual(["estimated-cycles", "instructions", "l1-accesses", "l2-accesses", "latency", "ram-accesses", "simulated-time"]);
});

test("compare --stat adds other statistics by name, compared exactly and not gated", () => {
  const r = pacer(["compare", base.id, head.id, "--json", "--stat", "dr", "--stat", "l1_hits"]);
  expect(r.code, r.err).toBe(0);
  const j = JSON.parse(r.out) as { rows: Array<{ name: string; metric: string; allowed?: number; change: number | null }> };
  const dr = j.rows.find((x) => x.name === "fib 20" && x.metric === "dr")!;
  expect(dr.change).toBeCloseTo(0.1, 2);
  expect(dr.allowed).toBeUndefined();
  expect(j.rows.some((x) => x.metric === "l1_hits")).toBe(true);
});
