import { afterEach, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readProfile, UnreadableProfile } from "./read-profile.ts";

const made: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "pacer-read-profile-"));
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("pacer's run record is read as is, and a carried config's thresholds come along", async () => {
  const d = folder();
  const measurements = [{ instrument: "simulation", title: "CPU Simulation", columns: [], benchmarks: [{ name: "fib", uri: "b.ts::fib", metrics: { time: 0.001 } }] }];
  writeFileSync(join(d, "pacer-run.json"), JSON.stringify({ id: "x", mode: "simulation", measurements, machine: { cpuModel: "c" } }));
  writeFileSync(join(d, "pacer.yml"), "thresholds:\n  default: 12%\n");
  const p = await readProfile(d, "valgrind");
  expect(p.mode).toBe("simulation");
  expect(p.measurements).toEqual(measurements);
  expect(p.thresholds).toEqual({ default: "12%" });
});

test("without a run record (CodSpeed's runner), walltime results JSON is read by the walltime instrument's offline collect", async () => {
  // Hand-typed in the results JSON format the integrations write (plugins/walltime/results-json.ts).
  const d = folder();
  mkdirSync(join(d, "results"));
  const stats = { min_ns: 900, max_ns: 2000, mean_ns: 1100, stdev_ns: 50, q1_ns: 1000, median_ns: 1050, q3_ns: 1100, rounds: 100, total_time: 0.00011, iter_per_round: 1 };
  writeFileSync(join(d, "results", "4242.json"), JSON.stringify({ creator: { name: "codspeed-node", version: "5.0", pid: 4242 }, instrument: { type: "walltime" }, benchmarks: [{ name: "fib", uri: "b.ts::fib", stats }] }));
  const p = await readProfile(d, "walltime");
  expect(p.mode).toBe("walltime");
  expect(p.measurements[0]!.benchmarks[0]).toMatchObject({ name: "fib", uri: "b.ts::fib", metrics: { median_ns: 1050, rounds: 100 } });
});

test("a folder the server cannot read says so", async () => {
  await expect(readProfile(folder(), "valgrind")).rejects.toBeInstanceOf(UnreadableProfile);
  const d = folder();
  writeFileSync(join(d, "pacer-run.json"), "{ not json");
  await expect(readProfile(d, "walltime")).rejects.toThrow(/"pacer-run.json" is not JSON/);
});
