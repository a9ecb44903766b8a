/**
 * Issue 12 item 2: the simulation instrument collects a profile folder it did not run (callgrind
 * outputs, perf maps and `simulation.run.json`) to the measurement the run printed, in place and
 * in a copy elsewhere; a failed step stays the same failure offline.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import simulation from "../../plugins/simulation/index.ts";
import { UNKNOWN_OUTCOME, collectOffline, expectSameOffline, expectTinybenchOffline, runAndKeep } from "../helpers/offline-collect.ts";
import { hasBinary } from "../helpers/pacer.ts";
import { compilePrograms } from "./exec-runs.ts";

// Waits for the machine-wide runner lock behind other jobs' runs, then runs pacer for real.
setDefaultTimeout(600_000);
const ready = Bun.which("valgrind") !== null && Bun.which("gcc") !== null && hasBinary();
const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!ready)("simulation collect from the profile folder alone (needs valgrind, gcc, dist/pacer)", () => {
  const progs = ready ? compilePrograms(["loop", "spawn"]) : { dir: "", dispose() {} };
  afterAll(() => progs.dispose());

  test("exec targets (one spawning children): the same counts per benchmark and process", async () => {
    const r = runAndKeep(["exec", "--mode", "simulation", "--", join(progs.dir, "spawn"), join(progs.dir, "loop")], progs.dir);
    folders.push(r.folder);
    expect(r.code).toBe(0);
    expect(existsSync(join(r.folder, "simulation.run.json"))).toBe(true);
    await expectSameOffline(simulation, r.folder, r.live);
  });

  test("tinybench (in its own git repository): every benchmark, JIT frames named from the copied perf maps", async () => {
    await expectTinybenchOffline("simulation", simulation, (f) => folders.push(f));
  });

  test("a benchmark that failed is still that failure offline; a tampered record is an E_RESULTS error", async () => {
    const r = runAndKeep(["exec", "--mode", "simulation", "--", "bash", "-c", "exit 3"], progs.dir);
    folders.push(r.folder);
    expect(r.code).not.toBe(0);
    const err = await collectOffline(simulation, r.folder, UNKNOWN_OUTCOME).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "E_RUN", message: `The command "bash -c exit 3" failed under valgrind with exit code "3"` });
    const file = join(r.folder, "simulation.run.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"kind": "exec"', '"kind": "other"'));
    const bad = await collectOffline(simulation, r.folder, UNKNOWN_OUTCOME).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining(`Cannot read "${file}": kind:`) });
  });
});
