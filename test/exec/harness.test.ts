// The harness in-process, against real commands (sleep, true, false) and, where named, the real FIFO
// server on private FIFO paths. Nothing here asserts a duration: only counts, order and shape.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import harness, { runHarness } from "../../src/commands/harness.ts";
import { PacerError } from "../../src/errors.ts";
import type { WalltimeResultsJson } from "../../src/harness/results-file.ts";
import { createLogger } from "../../src/log/logger.ts";
import type { BenchmarkEvent, ExecTarget } from "../../src/plugin/types.ts";
import { acquireFifoLock } from "../../src/protocol/fifo-lock.ts";
import { DEFAULT_CTL_PATH } from "../../src/protocol/fifo-paths.ts";
import { startFifoServer, type FifoServer } from "../../src/protocol/fifo-server.ts";
import { VERSION } from "../../src/version.ts";

let work = "";
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pacer-harness-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const sleepTarget = (rounds: number): ExecTarget => ({
  name: "sleep 0.01",
  uri: "exec_harness::sleep 0.01",
  argv: ["sleep", "0.01"],
  walltime: { warmupTimeNs: 30e6, maxRounds: rounds },
});

async function freshDir(name: string): Promise<string> {
  const d = await mkdtemp(join(work, `${name}-`));
  return d;
}

/** FIFO paths that do not exist: the harness runs as without a runner. */
const noFifo = () => ({ ctlPath: join(work, "absent.ctl"), ackPath: join(work, "absent.ack") });

async function withServer(mode: "perf" | "analysis", body: (s: FifoServer, events: BenchmarkEvent[], fifo: { ctlPath: string; ackPath: string }) => Promise<void>) {
  const dir = await freshDir("fifo");
  const fifo = { ctlPath: join(dir, "runner.ctl.fifo"), ackPath: join(dir, "runner.ack.fifo") };
  const events: BenchmarkEvent[] = [];
  const server = await startFifoServer({ ...fifo, mode, log: createLogger("test fifo"), onEvent: (e) => void events.push(e) });
  try {
    await body(server, events, fifo);
  } finally {
    await server.close();
  }
}

async function readResults(folder: string): Promise<WalltimeResultsJson> {
  return JSON.parse(await readFile(join(folder, "results", `${process.pid}.json`), "utf8"));
}

describe("walltime", () => {
  test("without a runner: measures sleep 0.01 for the configured rounds and writes the results file", async () => {
    const folder = await freshDir("profile");
    expect(await runHarness({ mode: "walltime", targets: [sleepTarget(4)] }, { fifo: noFifo(), profileFolder: folder })).toBe(0);

    const res = await readResults(folder);
    expect(res.creator).toEqual({ name: "pacer", version: VERSION, pid: process.pid });
    expect(res.instrument).toEqual({ type: "walltime" });
    expect(res.benchmarks).toHaveLength(1);
    const b = res.benchmarks[0]!;
    expect(b.name).toBe("sleep 0.01");
    expect(b.uri).toBe("exec_harness::sleep 0.01");
    expect(b.config).toEqual({ warmup_time_ns: 30e6, min_round_time_ns: null, max_time_ns: null, max_rounds: 4 });
    const s = b.stats;
    expect(Object.keys(s).sort()).toEqual(
      ["iqr_outlier_rounds", "iter_per_round", "max_ns", "mean_ns", "median_ns", "min_ns", "q1_ns", "q3_ns", "rounds",
        "stdev_ns", "stdev_outlier_rounds", "total_time", "warmup_iters"].sort(),
    );
    expect(s.rounds).toBe(4);
    expect(s.iter_per_round).toBe(1);
    expect(s.warmup_iters).toBeGreaterThanOrEqual(1);
    expect(s.min_ns).toBeGreaterThan(0);
    expect(s.min_ns <= s.q1_ns && s.q1_ns <= s.median_ns && s.median_ns <= s.q3_ns && s.q3_ns <= s.max_ns).toBe(true);
    expect(s.min_ns <= s.mean_ns && s.mean_ns <= s.max_ns).toBe(true);
    expect(s.total_time).toBeCloseTo((s.mean_ns * s.rounds) / 1e9, 9);
    expect(res.metadata?.spawn_overhead_ns).toBeGreaterThan(0);
  }, 20_000);

  test("several targets share one results file, in order", async () => {
    const folder = await freshDir("profile");
    const t2: ExecTarget = { name: "true", uri: "exec_harness::true", argv: ["true"], walltime: { warmupTimeNs: 0, maxRounds: 3 } };
    await runHarness({ mode: "walltime", targets: [sleepTarget(2), t2] }, { fifo: noFifo(), profileFolder: folder });
    const res = await readResults(folder);
    expect(res.benchmarks.map((b) => [b.uri, b.stats.rounds, b.stats.warmup_iters === 0])).toEqual([
      ["exec_harness::sleep 0.01", 2, false],
      ["exec_harness::true", 3, true],
    ]);
  }, 20_000);

  test("with the FIFO server: integration, start, one marker pair per round, stop, executed", async () => {
    await withServer("perf", async (server, events, fifo) => {
      const folder = await freshDir("profile");
      await runHarness({ mode: "walltime", targets: [sleepTarget(3)] }, { fifo, profileFolder: folder });
      await server.close();

      const kinds = events.map((e) => (e.type === "marker" ? e.marker : e.type));
      expect(kinds).toEqual([
        "integration", "start",
        "BenchmarkStart", "BenchmarkEnd", "BenchmarkStart", "BenchmarkEnd", "BenchmarkStart", "BenchmarkEnd",
        "stop", "executed",
      ]);
      expect(server.integration()).toEqual({ name: "pacer", version: VERSION });
      const markers = events.filter((e) => e.type === "marker");
      expect(markers.every((m) => m.pid === process.pid)).toBe(true);
      // Each round ends after it starts, and rounds do not overlap.
      const ts = markers.map((m) => m.timestampNs);
      expect(ts.every((t, i) => i === 0 || ts[i - 1]! <= t)).toBe(true);
      // Markers are on the runner's clock: inside the start/stop window it recorded.
      const start = events.find((e) => e.type === "start")!.timestampNs;
      const stop = events.find((e) => e.type === "stop")!.timestampNs;
      expect(ts[0]! > start && ts.at(-1)! < stop).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: "executed", pid: process.pid, uri: "exec_harness::sleep 0.01" });
      expect((await readResults(folder)).benchmarks[0]!.stats.rounds).toBe(3);
    });
  }, 20_000);

  test("a failing command fails the harness with E_RUN and closes the benchmark window", async () => {
    await withServer("perf", async (_server, events, fifo) => {
      const target: ExecTarget = { name: "false", uri: "exec_harness::false", argv: ["false"], walltime: { maxRounds: 2 } };
      const folder = await freshDir("profile");
      const err = await runHarness({ mode: "walltime", targets: [target] }, { fifo, profileFolder: folder }).catch((e) => e);
      expect(err).toBeInstanceOf(PacerError);
      expect((err as PacerError).code).toBe("E_RUN");
      expect((err as PacerError).message).toBe("Command exited with non-zero status: exit status: 1");
      expect(events.map((e) => e.type)).toEqual(["integration", "start", "stop"]);
      expect(await readdir(folder)).toEqual([]);
    });
  }, 20_000);
});

describe("analysis modes", () => {
  test.each(["memory", "simulation"])("%s: start, one run, stop, executed, and no walltime results", async (mode) => {
    await withServer("analysis", async (_server, events, fifo) => {
      const folder = await freshDir("profile");
      const counter = join(folder, "runs");
      const target: ExecTarget = {
        name: "count",
        uri: "exec_harness::count",
        argv: ["sh", "-c", `echo run >> "${counter}"`],
        walltime: { maxRounds: 50 },
      };
      expect(await runHarness({ mode, targets: [target] }, { fifo, profileFolder: folder })).toBe(0);
      expect(events.map((e) => e.type)).toEqual(["integration", "start", "stop", "executed"]);
      expect(events.at(-1)).toMatchObject({ pid: process.pid, uri: "exec_harness::count" });
      expect(await readFile(counter, "utf8")).toBe("run\n");
      expect(await readdir(folder)).toEqual(["runs"]);
    });
  }, 20_000);

  test("a user plugin's mode follows the runner's integration mode", async () => {
    await withServer("analysis", async (_server, events, fifo) => {
      const target: ExecTarget = { name: "true", uri: "exec_harness::true", argv: ["true"], walltime: {} };
      await runHarness({ mode: "my-counter", targets: [target] }, { fifo, profileFolder: await freshDir("profile") });
      expect(events.filter((e) => e.type === "marker")).toEqual([]);
      expect(events.map((e) => e.type)).toEqual(["integration", "start", "stop", "executed"]);
    });
  }, 20_000);
});

describe("pacer __harness <spec.json>", () => {
  test("reads the spec file and honours CODSPEED_PROFILE_FOLDER", async () => {
    const folder = await freshDir("profile");
    const spec = join(folder, "spec.json");
    await writeFile(spec, JSON.stringify({ mode: "walltime", targets: [{ ...sleepTarget(2), walltime: { warmupTimeNs: 0, maxRounds: 2 } }] }));
    const saved = process.env.CODSPEED_PROFILE_FOLDER;
    process.env.CODSPEED_PROFILE_FOLDER = folder;
    // The command uses the global FIFO paths: hold the runners' lock so no pacer serves them meanwhile.
    const lock = await acquireFifoLock(`${DEFAULT_CTL_PATH}.lock`, { log: createLogger("test"), timeoutMs: 60_000 });
    try {
      expect(await harness([spec])).toBe(0);
    } finally {
      lock.release();
      if (saved === undefined) delete process.env.CODSPEED_PROFILE_FOLDER;
      else process.env.CODSPEED_PROFILE_FOLDER = saved;
    }
    expect((await readResults(folder)).benchmarks[0]!.stats.rounds).toBe(2);
  }, 90_000);

  test("rejects a bad invocation and a bad spec with E_USAGE", async () => {
    await expect(harness([])).rejects.toThrow("Usage: pacer __harness <spec.json>");
    const spec = join(await freshDir("spec"), "spec.json");
    await writeFile(spec, JSON.stringify({ mode: "walltime", targets: [{ name: "x", uri: "u", argv: [], walltime: { maxRounds: -1 } }] }));
    const err = (await harness([spec]).catch((e) => e)) as PacerError;
    expect(err.code).toBe("E_USAGE");
    expect(err.message).toContain(`Invalid harness spec "${spec}"`);
    expect(err.message).toContain("targets.0.argv: Empty command");
    expect(err.message).toContain("targets.0.walltime.maxRounds");
    await expect(harness([join(work, "missing.json")])).rejects.toThrow("Cannot read harness spec");
  });
});
