/**
 * Hostile and broken profile folders handed to the instruments' offline `collect` (issue 12 item
 * 2): a folder is input pacer did not write this time, so its records are checked, never trusted.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import memory from "../../plugins/memory/index.ts";
import simulation from "../../plugins/simulation/index.ts";
import walltime from "../../plugins/walltime/index.ts";
import { compile, hasCompiler } from "../memory/memory-driver.ts";
import { collectOffline, runAndKeep, UNKNOWN_OUTCOME } from "../helpers/offline-collect.ts";
import { hasBinary } from "../helpers/pacer.ts";

// Waits for the machine-wide runner lock behind other jobs' runs, then runs pacer for real.
setDefaultTimeout(600_000);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "pacer-rel-offline-"));
  dirs.push(d);
  return d;
};
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("offline collect of a folder pacer did not write this time", () => {
  test("a folder without its run record: simulation and memory say which file is missing (E_RESULTS); walltime reads the integrations' results alone", async () => {
    const dir = folder();
    // A walltime folder from another runner (CodSpeed's) has only results/*.json: read as they are; here
    // there are none, which is the reference's no-result error, not a missing run record.
    expect(await failure(collectOffline(walltime, dir, UNKNOWN_OUTCOME))).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining("did not produce any CodSpeed result") });
    for (const [plugin, file] of [[simulation, "simulation.run.json"], [memory, "memory.run.json"]] as const) {
      expect(await failure(collectOffline(plugin, dir, UNKNOWN_OUTCOME))).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining(`Cannot read "${join(dir, file)}": ENOENT`) });
    }
  });

  test("a walltime record pointing perf script at a file outside the folder is refused, nothing is read", async () => {
    const dir = folder();
    for (const pipedata of ["/etc/shadow", "../../etc/shadow"]) {
      const perf = { pipedata, unwinding: "fp", compression: true, binary: "perf" };
      writeFileSync(join(dir, "walltime.run.json"), JSON.stringify({ version: 1, allowEmpty: true, benchmarkPids: [], perf, timeline: [] }));
      const err = await failure(collectOffline(walltime, dir, UNKNOWN_OUTCOME));
      expect(err).toMatchObject({ code: "E_RESULTS", message: `Cannot read "${join(dir, "walltime.run.json")}": perf.pipedata: must be inside the profile folder` });
    }
  });

  test("a simulation record whose step names a benchmark status that is not text is an E_RESULTS error naming the field", async () => {
    const dir = folder();
    writeFileSync(join(dir, "simulation.run.json"), JSON.stringify({ version: 1, kind: "exec", allowEmpty: false, steps: [{ argv: [], wrapped: false, outPrefix: "exec-0.", logFile: "v.log", status: { pid: 7 } }] }));
    const err = await failure(collectOffline(simulation, dir, UNKNOWN_OUTCOME));
    expect(err).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining("steps.0.status.pid: Invalid type") });
  });

  test.skipIf(!hasBinary() || !hasCompiler)("a memory artifact truncated after the run is an error naming it, not smaller numbers", async () => {
    const dir = folder();
    const r = runAndKeep(["exec", "--mode", "memory", "--", compile("malloc-free.c", dir)], dir);
    dirs.push(r.folder);
    expect(r.code).toBe(0);
    const name = readdirSync(join(r.folder, "results")).find((n) => n.endsWith(".MemtrackArtifact.msgpack"))!;
    truncateSync(join(r.folder, "results", name), 3);
    const err = await failure(collectOffline(memory, r.folder, UNKNOWN_OUTCOME));
    expect(err).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining(`Cannot read memory artifact "${name}": `) });
  });
});
