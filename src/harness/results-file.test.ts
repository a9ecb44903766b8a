import { afterAll, expect, test } from "bun:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveLoopOptions } from "./options.ts";
import { benchmarkConfig, profileFolderFromEnv, writeWalltimeResults } from "./results-file.ts";
import { computeStats } from "./stats.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

test("benchmarkConfig records the applied bounds, null where unset", () => {
  expect(benchmarkConfig(resolveLoopOptions({}))).toEqual({
    warmup_time_ns: 1e9, min_round_time_ns: null, max_time_ns: 3e9, max_rounds: null,
  });
  expect(benchmarkConfig(resolveLoopOptions({ warmupTimeNs: 0, maxRounds: 7, minTimeNs: 1e6 }))).toEqual({
    warmup_time_ns: 0, min_round_time_ns: null, max_time_ns: null, max_rounds: 7,
  });
});

test("profileFolderFromEnv uses CODSPEED_PROFILE_FOLDER, else ./.codspeed", () => {
  expect(profileFolderFromEnv({ CODSPEED_PROFILE_FOLDER: "/p" }, "/cwd")).toBe("/p");
  expect(profileFolderFromEnv({}, "/cwd")).toBe("/cwd/.codspeed");
  expect(profileFolderFromEnv({ CODSPEED_PROFILE_FOLDER: "" }, "/cwd")).toBe("/cwd/.codspeed");
});

test("writeWalltimeResults creates results/ and names the file after the creator pid", async () => {
  const folder = await mkdtemp(join(tmpdir(), "pacer-results-"));
  dirs.push(folder);
  const results = {
    creator: { name: "pacer", version: "0.0.0-test", pid: 4242 },
    instrument: { type: "walltime" as const },
    benchmarks: [{ name: "b", uri: "exec_harness::b", config: benchmarkConfig(resolveLoopOptions({})), stats: computeStats([5, 7]) }],
    metadata: { spawn_overhead_ns: 1234 },
  };
  const path = await writeWalltimeResults(folder, results);
  expect(path).toBe(join(folder, "results", "4242.json"));
  expect(JSON.parse(await readFile(path, "utf8"))).toEqual(results);
});
