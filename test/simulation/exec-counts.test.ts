/**
 * `pacer exec --mode simulation` counts what a user means by the program (constructors, main,
 * destructors, children; not the dynamic loader), checked on real valgrind against programs of
 * known instruction budget (`programs/`) and against valgrind's own count of the same functions.
 * Forked children, _exit() and static children: test/reliability/simulation.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { hasBinary } from "../helpers/pacer.ts";
import { compilePrograms, pacerExec, valgrindReference } from "./exec-runs.ts";

const ready = Bun.which("valgrind") !== null && Bun.which("gcc") !== null && Bun.which("callgrind_annotate") !== null && hasBinary();
const within = (value: number, low: number, high: number) => {
  expect(value).toBeGreaterThanOrEqual(low);
  expect(value).toBeLessThanOrEqual(high);
};

describe.skipIf(!ready)("exec --mode simulation on programs of known instruction budget (needs valgrind, gcc, dist/pacer)", () => {
  const progs = ready ? compilePrograms(["tiny", "loop", "ctor-dtor", "spawn"]) : { dir: "", dispose() {} };
  afterAll(() => progs.dispose());
  const p = (name: string) => join(progs.dir, name);

  test("a ~1M-instruction loop in main: within 3 % of its budget and of valgrind's inclusive count of main, identical twice", () => {
    const a = pacerExec([p("loop")], progs.dir);
    const b = pacerExec([p("loop")], progs.dir);
    expect(a.code).toBe(0);
    const ref = valgrindReference([p("loop")], ["main"]);
    within(ref.inclusive, 1_000_000, 1_000_100);
    within(a.ir!, ref.inclusive, ref.inclusive * 1.03);
    expect(b.ir).toBe(a.ir);
  }, 600_000);

  test("an empty main: the dynamic loader is left out (a few thousand Ir of a >100k-Ir process)", () => {
    const r = pacerExec([p("tiny")], progs.dir);
    expect(r.code).toBe(0);
    const ref = valgrindReference([p("tiny")], ["main"]);
    expect(r.ir!).toBeGreaterThan(ref.inclusive);
    expect(r.ir!).toBeLessThan(ref.total * 0.05);
  }, 300_000);

  test("constructor, main, atexit handler and destructor are all counted", () => {
    const r = pacerExec([p("ctor-dtor")], progs.dir);
    expect(r.code).toBe(0);
    const ref = valgrindReference([p("ctor-dtor")], ["budget_ctor", "main", "budget_atexit", "budget_dtor"]);
    within(ref.inclusive, 1_000_000, 1_001_000);
    within(r.ir!, ref.inclusive, ref.inclusive * 1.03);
  }, 300_000);

  test("an exec'd (posix_spawn) child is counted in its own process", () => {
    const r = pacerExec([p("spawn"), p("loop"), "200000"], progs.dir);
    expect(r.code).toBe(0);
    expect(r.processes).toHaveLength(2);
    const [parent, child] = r.processes;
    expect(child!.cmd?.trim()).toBe(`${p("loop")} 200000`);
    within(parent!.ir, 200_000, 206_000);
    within(child!.ir, 400_000, 412_000);
    within(r.ir!, 600_000, 618_000);
  }, 300_000);
});
