/**
 * CodSpeed runner 5's simulation flags on the built binary with real valgrind and a real
 * allocation-heavy C program: `--exclude-allocations` removes exactly the allocator functions'
 * inclusive cost (checked against callgrind_annotate, valgrind's own tool), `--cycle-estimation=false`
 * leaves the cache simulation off and reports instruction-based numbers only.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALLOCATOR_FUNCTIONS } from "../../plugins/simulation/allocations.ts";

const ROOT = join(import.meta.dir, "..", "..");
const PACER = join(ROOT, "dist", "pacer");
const missing = ["valgrind", "gcc", "callgrind_annotate"].filter((t) => Bun.which(t) === null);
const work = mkdtempSync(join(tmpdir(), "pacer-run5-"));
const program = join(work, "alloc");
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stderr: string;
  metrics: Record<string, number | null>;
  folder: string;
}

function exec(name: string, flags: string[], env: Record<string, string> = {}): Run {
  const folder = join(work, name);
  const r = Bun.spawnSync([PACER, "exec", "--mode", "simulation", "--skip-upload", "--profile-folder", folder, ...flags, "--", program], {
    cwd: work,
    env: { ...process.env, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  let metrics: Record<string, number | null> = {};
  try {
    const record = JSON.parse(readFileSync(join(folder, "pacer-run.json"), "utf8"));
    metrics = record.measurements[0].benchmarks[0].metrics;
  } catch {
    // No record: the assertions on code and stderr say why.
  }
  return { code: r.exitCode, stderr: r.stderr.toString(), metrics, folder };
}

/** Inclusive Ir of each allocator function, read by callgrind_annotate from the run's callgrind file. */
function annotatedAllocatorIr(folder: string): Record<string, number> {
  const file = readdirSync(folder).find((f) => /^exec-0\.\d+\.out$/.test(f))!;
  const out = Bun.spawnSync(["callgrind_annotate", "--inclusive=yes", "--threshold=100", join(folder, file)]).stdout.toString();
  const found: Record<string, number> = {};
  for (const line of out.split("\n")) {
    const m = /^\s*([\d,]+)\s.*:(\S+) \[/.exec(line);
    if (m && ALLOCATOR_FUNCTIONS.has(m[2]!)) found[m[2]!] = Number(m[1]!.replaceAll(",", ""));
  }
  return found;
}

describe.skipIf(missing.length > 0)(`simulation --exclude-allocations / --cycle-estimation (needs ${missing.join(", ") || "valgrind, gcc"})`, () => {
  test("the excluded instructions are exactly the allocator functions' inclusive cost", () => {
    expect(Bun.spawnSync(["gcc", "-O1", "-o", program, join(import.meta.dir, "programs", "alloc.c")]).exitCode).toBe(0);
    const all = exec("all", []);
    const excluded = exec("excluded", ["--exclude-allocations"]);
    expect(all.code).toBe(0);
    expect(excluded.code).toBe(0);
    const allocators = annotatedAllocatorIr(all.folder);
    // The program calls all four; glibc's realloc does not call malloc by name, so they do not nest.
    expect(Object.keys(allocators).sort()).toEqual(["calloc", "free", "malloc", "realloc"]);
    const allocIr = Object.values(allocators).reduce((a, b) => a + b, 0);
    console.log(`alloc.c Ir: ${all.metrics.ir} with allocations, ${excluded.metrics.ir} without; allocators ${JSON.stringify(allocators)}`);
    expect(allocIr).toBeGreaterThan((all.metrics.ir as number) / 2);
    expect((all.metrics.ir as number) - (excluded.metrics.ir as number)).toBe(allocIr);
    // The other counts drop too, and the estimate follows them.
    expect(excluded.metrics.estimated_cycles as number).toBeLessThan(all.metrics.estimated_cycles as number);
  }, 180_000);

  test("the environment variable and --exclude-allocations=false: env on, flag off wins", () => {
    const env = exec("env", [], { CODSPEED_EXCLUDE_ALLOCATIONS: "true" });
    const flagOff = exec("flag-off", ["--exclude-allocations=false"], { CODSPEED_EXCLUDE_ALLOCATIONS: "true" });
    const all = exec("all2", []);
    expect(env.metrics.ir as number).toBeLessThan(all.metrics.ir as number);
    expect(flagOff.metrics.ir).toBe(all.metrics.ir);
  }, 180_000);

  test("--cycle-estimation=false: no cache simulation, instruction counts only, time from instructions", () => {
    const on = exec("on", ["--cycle-estimation"]);
    const off = exec("off", ["--cycle-estimation=false"]);
    expect(on.code).toBe(0);
    expect(off.code).toBe(0);
    expect(off.metrics.ir).toBe(on.metrics.ir);
    expect(on.metrics.estimated_cycles as number).toBeGreaterThan(on.metrics.ir as number);
    expect(off.metrics.estimated_cycles).toBeNull();
    expect(off.metrics.l1_hits).toBeUndefined();
    expect(off.metrics.time).toBeCloseTo((off.metrics.ir as number) / 3e9, 12);
    const argv = (f: string) => JSON.parse(readFileSync(join(f, "simulation.run.json"), "utf8")).steps[0].argv as string[];
    expect(argv(on.folder)).toContain("--cache-sim=yes");
    expect(argv(off.folder).some((a) => a.startsWith("--cache-sim") || a.startsWith("--cycle-estimation"))).toBe(false);
  }, 180_000);

  test("a value that is not a boolean is a usage error (exit 2) naming the flag", () => {
    const r = exec("bad", ["--cycle-estimation=maybe"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --cycle-estimation "maybe": expected a boolean');
  });
});
