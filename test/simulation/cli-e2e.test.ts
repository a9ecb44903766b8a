/**
 * End-to-end: the real CLI running real valgrind (upstream 3.19 here) on a real tinybench suite
 * using @codspeed/tinybench-plugin, and on plain programs with `pacer exec`.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunRecord } from "../../src/results/run-record.ts";
import { SIM_FIXTURES } from "./fixtures.ts";

const ROOT = join(import.meta.dir, "..", "..");
const hasValgrind = Bun.which("valgrind") !== null;
const hasGcc = Bun.which("gcc") !== null;

/** Runs pacer with a fresh profile folder, or with `keep` (left in place for the next call). */
function pacer(args: string[], cwd = ROOT, keep?: string): { code: number | null; stderr: string; record?: RunRecord } {
  const profile = keep ?? mkdtempSync(join(tmpdir(), "pacer-sim-e2e-"));
  const r = Bun.spawnSync([process.execPath, join(ROOT, "src", "cli.ts"), ...args.slice(0, 1), "--mode", "simulation",
    "--skip-upload", "--profile-folder", profile, ...args.slice(1)], { cwd, stdout: "pipe", stderr: "pipe" });
  let record: RunRecord | undefined;
  try {
    record = JSON.parse(readFileSync(join(profile, "pacer-run.json"), "utf8")) as RunRecord;
  } catch {
    record = undefined;
  }
  if (!keep) rmSync(profile, { recursive: true, force: true });
  return { code: r.exitCode, stderr: r.stderr.toString(), record };
}

function irs(record: RunRecord | undefined): Record<string, unknown> {
  return Object.fromEntries((record?.measurements[0]?.benchmarks ?? []).map((b) => [b.name, b.metrics.ir]));
}

describe.skipIf(!hasValgrind)("pacer with the simulation instrument (real valgrind)", () => {
  test("run: every tinybench benchmark is listed with non-zero instruction counts", () => {
    const r = pacer(["run", "--", "node", "bench.mjs"], join(SIM_FIXTURES, "suite"));
    expect(r.code).toBe(0);
    const counts = irs(r.record);
    expect(Object.keys(counts)).toEqual(["fib 12", "sort 200", "json roundtrip"]);
    for (const ir of Object.values(counts)) expect(ir as number).toBeGreaterThan(10_000);
  }, 300_000);

  test("exec: a small dynamically linked program gets its counts, identical over two runs in the same folder", () => {
    // The same --profile-folder twice: the second run must not add in the first run's callgrind files.
    const profile = mkdtempSync(join(tmpdir(), "pacer-sim-e2e-"));
    const a = pacer(["exec", "--", "/bin/echo", "hello"], ROOT, profile);
    const b = pacer(["exec", "--", "/bin/echo", "hello"], ROOT, profile);
    rmSync(profile, { recursive: true, force: true });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ir = irs(a.record)["/bin/echo hello"] as number;
    expect(ir).toBeGreaterThan(100_000);
    expect(irs(b.record)).toEqual(irs(a.record));
  }, 120_000);

  test.skipIf(!hasGcc)("exec: a statically linked program is refused with the explanation", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-sim-static-"));
    writeFileSync(join(dir, "st.c"), "int main(void){return 0;}\n");
    expect(Bun.spawnSync(["gcc", "-static", "-o", join(dir, "st"), join(dir, "st.c")]).exitCode).toBe(0);
    const r = pacer(["exec", "--", join(dir, "st")]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`Cannot measure "${join(dir, "st")}" in CPU simulation mode: the executable is statically linked`);
    expect(r.stderr).toContain("use a dynamically linked executable");
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test("run: a failing benchmark is reported as such, not as a valgrind failure", () => {
    const r = pacer(["run", "--", "exit 3"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The benchmark command failed under valgrind with exit code "3"');
    expect(r.stderr).not.toContain("Valgrind failed");
  }, 60_000);
});
