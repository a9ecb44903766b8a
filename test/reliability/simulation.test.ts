/**
 * Reliability of `pacer exec --mode simulation` counts (docs/reliability/simulation.md): each case
 * runs the compiled dist/pacer on real valgrind.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { hasBinary } from "../helpers/pacer.ts";
import { compilePrograms, pacerExec } from "../simulation/exec-runs.ts";

const ready = Bun.which("valgrind") !== null && Bun.which("gcc") !== null && hasBinary();

describe.skipIf(!ready)("exec --mode simulation under hostile programs and settings (needs valgrind, gcc, dist/pacer)", () => {
  const progs = ready ? compilePrograms(["fork", "spawn", "quick-exit"], { static: ["loop"] }) : { dir: "", dispose() {} };
  afterAll(() => progs.dispose());
  const p = (name: string) => join(progs.dir, name);

  test("a forked child counts its own work only, not its parent's again; identical twice", () => {
    // callgrind keeps costs across fork(): without zeroing, the child's file repeated the parent's 200k.
    const a = pacerExec([p("fork")], progs.dir);
    const b = pacerExec([p("fork")], progs.dir);
    expect(a.code).toBe(0);
    expect(a.processes).toHaveLength(2);
    const [parent, child] = a.processes;
    expect(parent!.ir).toBeGreaterThanOrEqual(300_000);
    expect(parent!.ir).toBeLessThanOrEqual(309_000);
    expect(child!.ir).toBeGreaterThanOrEqual(600_000);
    expect(child!.ir).toBeLessThanOrEqual(618_000);
    expect(b.ir).toBe(a.ir);
  }, 600_000);

  test("a program leaving through _exit() (no destructors, so the window never closes) is still counted", () => {
    const r = pacerExec([p("quick-exit")], progs.dir);
    expect(r.code).toBe(0);
    expect(r.ir!).toBeGreaterThanOrEqual(500_000);
    expect(r.ir!).toBeLessThanOrEqual(515_000);
  }, 300_000);

  test("a statically linked child, which cannot load the window library, is named in a warning instead of silently adding 0", () => {
    const r = pacerExec([p("spawn"), p("loop-static"), "1000"], progs.dir);
    expect(r.code).toBe(0);
    expect(r.processes).toHaveLength(2);
    expect(r.processes[1]!.ir).toBe(0);
    expect(r.stderr).toContain(`("${p("loop-static")} 1000") of "${p("spawn")} ${p("loop-static")} 1000" counted no instructions`);
    expect(r.stderr).toContain("a statically linked program started by the target cannot load pacer's exec window library");
  }, 300_000);

  test("a TMPDIR with a space (ld.so would split the library path) is refused clearly, and leaves nothing behind", () => {
    const tmp = join(progs.dir, "my tmp");
    mkdirSync(tmp);
    const r = pacerExec([p("quick-exit")], progs.dir, { TMPDIR: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot preload the simulation exec window library from "${tmp}/`);
    expect(r.stderr).toContain("Set TMPDIR to a folder whose path has no spaces or colons");
    expect(r.stderr).not.toContain("    at ");
    expect(existsSync(tmp) && readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  }, 300_000);
});
