/**
 * pacer's FIFO server against the real CodSpeed clients (@codspeed/core native addon and
 * @codspeed/tinybench-plugin from node_modules). These use the global /tmp/runner.*.fifo paths: the
 * server's lock keeps them from overlapping with other pacer runs on the machine.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchmarkEvent } from "../../src/plugin/types.ts";
import { startFifoServer, type FifoServer } from "../../src/protocol/fifo-server.ts";
import { which } from "../../src/system/subprocess.ts";
import { captureLogger } from "../fixtures/protocol/capture-logger.ts";

const node = which("node");
const repoRoot = new URL("../../", import.meta.url).pathname;
const fixtureDir = join(repoRoot, "test/fixtures/protocol");
const coreVersion: string = JSON.parse(readFileSync(join(repoRoot, "node_modules/@codspeed/core/package.json"), "utf8")).version;

describe.skipIf(!node)("real @codspeed clients against the FIFO server (perf mode, default paths)", () => {
  let server: FifoServer;
  const events: BenchmarkEvent[] = [];
  const log = captureLogger();
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), "pacer-profile-"));
    server = await startFifoServer({ mode: "perf", log, onEvent: (e) => void events.push(e) });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test("require('@codspeed/core') completes its handshake without the 4 s no-runner stall", async () => {
    const framesBefore = server.stats().frames;
    const t0 = performance.now();
    const p = Bun.spawn([node!, "-e", 'require("@codspeed/core")'], { cwd: repoRoot, stderr: "pipe", env: { ...process.env, CODSPEED_ENV: "" } });
    expect(await p.exited).toBe(0);
    const elapsed = performance.now() - t0;
    console.log(`node + core handshake: ${elapsed.toFixed(0)} ms, slowest reply ${server.stats().maxReplyMs.toFixed(2)} ms`);
    // Analysis probe then perf probe: SetVersion, GetIntegrationMode, twice.
    expect(server.stats().frames - framesBefore).toBeGreaterThanOrEqual(4);
    expect(elapsed).toBeLessThan(2500); // each unanswered request would cost 1 s
    expect(server.stats().maxReplyMs).toBeLessThan(100);
  }, 20_000);

  test("a tinybench suite reports its integration, each benchmark and client markers on our clock", async () => {
    events.length = 0;
    const p = Bun.spawn([node!, "tinybench-suite.mjs"], {
      cwd: fixtureDir,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, CODSPEED_ENV: "runner", CODSPEED_RUNNER_MODE: "walltime", CODSPEED_PROFILE_FOLDER: profile },
    });
    const code = await p.exited;
    const stderr = await new Response(p.stderr).text();
    expect({ code, stderr: stderr.includes("[ERROR]") ? stderr : "" }).toEqual({ code: 0, stderr: "" });
    await Bun.sleep(20);

    const mine = events.filter((e) => !("pid" in e) || e.pid === p.pid);
    expect(mine.find((e) => e.type === "integration")).toEqual({ type: "integration", name: "codspeed-node", version: coreVersion });
    expect(server.integration()).toEqual({ name: "codspeed-node", version: coreVersion });
    expect(server.benchmarkPids()).toContain(p.pid);
    const uris = ["fib 10", "fib 12"].map((n) => `test/fixtures/protocol/tinybench-suite.mjs::protocol::${n}`);
    expect(mine.filter((e) => e.type === "executed").map((e) => (e as { uri: string }).uri)).toEqual(uris);
    // tinybench order: Start, Stop, CurrentBenchmark, Marker(BenchmarkStart), Marker(BenchmarkEnd).
    const perBench = ["start", "stop", "executed", "marker:BenchmarkStart", "marker:BenchmarkEnd"];
    expect(mine.filter((e) => e.type !== "integration").map((e) => (e.type === "marker" ? `marker:${e.marker}` : e.type))).toEqual([...perBench, ...perBench]);

    // The client's marker timestamps fall inside the server's Start/Stop window: same clock.
    const m = server.timestamps().markers;
    for (let i = 0; i < 2; i++) {
      const [sampleStart, sampleEnd, benchStart, benchEnd] = m.slice(i * 4, i * 4 + 4);
      expect([sampleStart?.type, sampleEnd?.type, benchStart?.type, benchEnd?.type]).toEqual(["SampleStart", "SampleEnd", "BenchmarkStart", "BenchmarkEnd"]);
      expect(benchStart!.timestampNs).toBeGreaterThanOrEqual(sampleStart!.timestampNs);
      expect(benchEnd!.timestampNs).toBeGreaterThan(benchStart!.timestampNs);
      expect(benchEnd!.timestampNs).toBeLessThanOrEqual(sampleEnd!.timestampNs);
    }
    expect(existsSync(join(profile, "results", `${p.pid}.json`))).toBe(true);
    console.log(`tinybench run: ${server.stats().frames} frames, slowest reply ${server.stats().maxReplyMs.toFixed(2)} ms`);
    expect(server.stats().maxReplyMs).toBeLessThan(100);
  }, 30_000);

  test("close() removes the global FIFOs so later node processes do not stall", async () => {
    await server.close();
    expect(existsSync("/tmp/runner.ctl.fifo")).toBe(false);
    expect(existsSync("/tmp/runner.ack.fifo")).toBe(false);
    expect(existsSync("/tmp/runner.ctl.fifo.lock")).toBe(false);
  });

  test("in analysis mode the native client accepts the first probe: one handshake pair", async () => {
    const analysis = await startFifoServer({ mode: "analysis", log: captureLogger() });
    try {
      const p = Bun.spawn(
        [node!, "-e", 'process.stdout.write(String(require("@codspeed/core").InstrumentHooks.isInstrumented()))'],
        { cwd: repoRoot, stdout: "pipe", env: { ...process.env, CODSPEED_ENV: "" } },
      );
      expect(await p.exited).toBe(0);
      expect(await new Response(p.stdout).text()).toBe("true");
      expect(analysis.stats().frames).toBe(2);
    } finally {
      await analysis.close();
    }
  }, 20_000);
});
