import { describe, expect, test } from "bun:test";
import type { PacerError } from "../errors.ts";
import type { BenchmarkEvent } from "../plugin/types.ts";
import { captureLogger } from "../../test/fixtures/protocol/capture-logger.ts";
import { createCommandHandler, type CommandHandlerOptions } from "./command-handler.ts";
import type { FifoCommand } from "./commands.ts";

function setup(extra: Partial<CommandHandlerOptions> = {}) {
  let clock = 1000n;
  const log = captureLogger();
  const events: BenchmarkEvent[] = [];
  const fatals: PacerError[] = [];
  const h = createCommandHandler({
    mode: "perf",
    log,
    now: () => (clock += 10n),
    onEvent: (e) => void events.push(e),
    onFatal: (e) => void fatals.push(e),
    ...extra,
  });
  const run = async (cmds: FifoCommand[]) => {
    const replies: FifoCommand[] = [];
    for (const c of cmds) replies.push(await h.handle(c));
    return replies;
  };
  return { h, log, events, fatals, run };
}

const ACK: FifoCommand = { kind: "Ack" };
const ERR: FifoCommand = { kind: "Err" };
const PID = 4242;

describe("createCommandHandler", () => {
  test("answers the handshake twice per process: SetVersion(2) → Ack, GetIntegrationMode → mode", async () => {
    const { run } = setup();
    const hs: FifoCommand[] = [{ kind: "SetVersion", version: 2n }, { kind: "GetIntegrationMode" }];
    expect(await run([...hs, ...hs])).toEqual([ACK, { kind: "IntegrationModeResponse", mode: "perf" }, ACK, { kind: "IntegrationModeResponse", mode: "perf" }]);
    const analysis = setup({ mode: "analysis" });
    expect(await analysis.run([{ kind: "GetIntegrationMode" }])).toEqual([{ kind: "IntegrationModeResponse", mode: "analysis" }]);
  });

  test("records the tinybench order: Start, Stop, CurrentBenchmark, Marker, Marker", async () => {
    const { h, run, events } = setup();
    const replies = await run([
      { kind: "SetIntegration", name: "codspeed-node", version: "5.7.1" },
      { kind: "StartBenchmark" },
      { kind: "StopBenchmark" },
      { kind: "CurrentBenchmark", pid: PID, uri: "a.mjs::fib" },
      { kind: "AddMarker", pid: PID, marker: "BenchmarkStart", timestampNs: 5n },
      { kind: "AddMarker", pid: PID, marker: "BenchmarkEnd", timestampNs: 6n },
    ]);
    expect(replies).toEqual([ACK, ACK, ACK, ACK, ACK, ACK]);
    expect(h.integration()).toEqual({ name: "codspeed-node", version: "5.7.1" });
    expect(h.benchmarkPids()).toEqual([PID]);
    const ts = h.timestamps();
    expect(ts.markers.map((m) => m.type)).toEqual(["SampleStart", "SampleEnd", "BenchmarkStart", "BenchmarkEnd"]);
    expect(ts.markers[2]!.timestampNs).toBe(5n); // client timestamps kept as sent
    expect(ts.uriByTs).toHaveLength(1);
    expect(ts.uriByTs[0]![1]).toBe("a.mjs::fib");
    expect(ts.uriByTs[0]![0]).toBeGreaterThan(ts.markers[1]!.timestampNs); // receipt time, after the window
    expect(events.map((e) => e.type)).toEqual(["integration", "start", "stop", "executed", "marker", "marker"]);
  });

  test("records the vitest order: Start, Marker, Marker, Stop, CurrentBenchmark", async () => {
    const { h, run } = setup();
    await run([
      { kind: "StartBenchmark" },
      { kind: "AddMarker", pid: PID, marker: "BenchmarkStart", timestampNs: 5n },
      { kind: "AddMarker", pid: PID, marker: "BenchmarkEnd", timestampNs: 6n },
      { kind: "StopBenchmark" },
      { kind: "CurrentBenchmark", pid: PID, uri: "::bench" },
    ]);
    expect(h.timestamps().markers.map((m) => m.type)).toEqual(["SampleStart", "BenchmarkStart", "BenchmarkEnd", "SampleEnd"]);
    expect(h.timestamps().uriByTs.map(([, u]) => u)).toEqual(["::bench"]);
  });

  test("keeps pids of several processes, in first-seen order, and the last SetIntegration", async () => {
    const { h, run } = setup();
    await run([
      { kind: "SetIntegration", name: "a", version: "1" },
      { kind: "CurrentBenchmark", pid: 2, uri: "x" },
      { kind: "SetIntegration", name: "b", version: "2" },
      { kind: "CurrentBenchmark", pid: 1, uri: "y" },
      { kind: "CurrentBenchmark", pid: 2, uri: "z" },
    ]);
    expect(h.benchmarkPids()).toEqual([2, 1]);
    expect(h.integration()).toEqual({ name: "b", version: "2" });
  });

  test("a duplicate StartBenchmark or a Stop without Start warns, is still acked, and adds no marker", async () => {
    const { h, run, log } = setup();
    expect(await run([{ kind: "StopBenchmark" }, { kind: "StartBenchmark" }, { kind: "StartBenchmark" }, { kind: "StopBenchmark" }])).toEqual([ACK, ACK, ACK, ACK]);
    expect(h.timestamps().markers.map((m) => m.type)).toEqual(["SampleStart", "SampleEnd"]);
    expect(log.at("warn")).toEqual([
      "Received StopBenchmark command before StartBenchmark, ignoring",
      "Received duplicate StartBenchmark command, ignoring",
    ]);
  });

  test("a flood of repeated Start or Stop frames asks the plugins once and warns once", async () => {
    const { run, log, events, h } = setup();
    const starts = Array.from({ length: 100 }, (): FifoCommand => ({ kind: "StartBenchmark" }));
    const stops = Array.from({ length: 100 }, (): FifoCommand => ({ kind: "StopBenchmark" }));
    expect(new Set(await run([...starts, ...stops]))).toEqual(new Set([ACK]));
    expect(events.map((e) => e.type)).toEqual(["start", "stop"]);
    h.summarizeWarnings();
    expect(log.at("warn")).toEqual([
      "Received duplicate StartBenchmark command, ignoring",
      "Received StopBenchmark command before StartBenchmark, ignoring",
      "Received duplicate StartBenchmark command, ignoring (repeated 98 more times)",
      "Received StopBenchmark command before StartBenchmark, ignoring (repeated 98 more times)",
    ]);
  });

  test("PingPerf frames close together share one answer from the plugins", async () => {
    let asked = 0;
    const { run } = setup({
      pingReuseMs: 60_000,
      onEvent: (e) => {
        if (e.type === "ping") return ++asked > 1 ? "err" : undefined;
      },
    });
    const pings = Array.from({ length: 20_000 }, (): FifoCommand => ({ kind: "PingPerf" }));
    expect(new Set(await run(pings))).toEqual(new Set([ACK]));
    expect(asked).toBe(1);
  });

  test("after detachHooks, commands still update the state but no plugin is asked", async () => {
    const { run, events, h } = setup();
    h.detachHooks();
    expect(await run([{ kind: "StartBenchmark" }, { kind: "StopBenchmark" }, { kind: "CurrentBenchmark", pid: PID, uri: "a::b" }])).toEqual([ACK, ACK, ACK]);
    expect(events).toEqual([]);
    expect(h.timestamps().markers.map((m) => m.type)).toEqual(["SampleStart", "SampleEnd"]);
    expect(h.benchmarkPids()).toEqual([PID]);
  });

  test.each([
    [0n, /older than the minimal supported version 1/],
    [3n, /newer than pacer's version 2/],
  ])("SetVersion(%p) is fatal and answered with Err", async (version, message) => {
    const { run, fatals } = setup();
    expect(await run([{ kind: "SetVersion", version }])).toEqual([ERR]);
    expect(fatals).toHaveLength(1);
    expect(fatals[0]!.code).toBe("E_PROTOCOL");
    expect(fatals[0]!.message).toMatch(message);
  });

  test("SetVersion(1) is accepted", async () => {
    const { run, fatals } = setup();
    expect(await run([{ kind: "SetVersion", version: 1n }])).toEqual([ACK]);
    expect(fatals).toEqual([]);
  });

  test("PingPerf asks onEvent: Ack, or Err when it returns err or throws", async () => {
    let answer: "err" | "throw" | undefined;
    const { run, log } = setup({
      pingReuseMs: 0,
      onEvent: (e) => {
        if (e.type !== "ping") return;
        if (answer === "throw") throw new Error("perf is gone");
        return answer;
      },
    });
    expect(await run([{ kind: "PingPerf" }])).toEqual([ACK]);
    answer = "err";
    expect(await run([{ kind: "PingPerf" }])).toEqual([ERR]);
    answer = "throw";
    expect(await run([{ kind: "PingPerf" }])).toEqual([ERR]);
    expect(log.at("error")).toEqual(["Handling the ping event failed: perf is gone"]);
  });

  test("waits for an async onEvent before answering", async () => {
    const order: string[] = [];
    const { h } = setup({
      onEvent: async (e) => {
        await Bun.sleep(20);
        order.push(`event ${e.type}`);
      },
    });
    await h.handle({ kind: "StartBenchmark" });
    order.push("replied");
    expect(order).toEqual(["event start", "replied"]);
  });

  test.each<FifoCommand>([{ kind: "Ack" }, { kind: "Err" }, { kind: "IntegrationModeResponse", mode: "perf" }])(
    "a runner-to-client command received ($kind) warns and is answered with Err",
    async (cmd) => {
      const { run, log } = setup();
      expect(await run([cmd])).toEqual([ERR]);
      expect(log.at("warn")[0]).toStartWith("Unhandled FIFO command: ");
    },
  );
});
