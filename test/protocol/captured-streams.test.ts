/**
 * Replays the bytes real clients wrote to the ctl FIFO (captured from @codspeed/tinybench-plugin
 * 5.7.1 and @codspeed/vitest-plugin 5.7.1 + vitest 3 in walltime mode, served by pacer) through the
 * server, cut into uneven chunks, and checks what it records and answers.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { BenchmarkEvent } from "../../src/plugin/types.ts";
import { decodePayload } from "../../src/protocol/bincode.ts";
import type { FifoCommand } from "../../src/protocol/commands.ts";
import { FrameDecoder } from "../../src/protocol/frame-decoder.ts";
import { startFifoServer } from "../../src/protocol/fifo-server.ts";
import { captureLogger } from "../fixtures/protocol/capture-logger.ts";
import { fifoDir, rawPeer } from "../fixtures/protocol/raw-fifo.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/protocol/${name}`, import.meta.url)));
const label = (e: BenchmarkEvent) => (e.type === "marker" ? `marker:${e.marker}` : e.type === "executed" ? `executed:${e.uri}` : e.type);
const HANDSHAKE: FifoCommand["kind"][] = ["SetVersion", "GetIntegrationMode", "SetVersion", "GetIntegrationMode"];
const TB = "test/fixtures/protocol/tinybench-suite.mjs::protocol::";

const CASES = [
  {
    name: "tinybench-plugin 5.7.1",
    file: "tinybench-5.7.1-walltime.ctl.bin",
    commands: [...HANDSHAKE, "SetIntegration", ...Array(2).fill(["StartBenchmark", "StopBenchmark", "CurrentBenchmark", "AddMarker", "AddMarker"]).flat()],
    events: ["integration", ...[`${TB}fib 10`, `${TB}fib 12`].flatMap((u) => ["start", "stop", `executed:${u}`, "marker:BenchmarkStart", "marker:BenchmarkEnd"])],
  },
  {
    // vitest: main process and one fork handshake; top-level benches lack the file in their URI.
    name: "vitest-plugin 5.7.1",
    file: "vitest-5.7.1-walltime.ctl.bin",
    commands: [...HANDSHAKE, ...HANDSHAKE, "SetIntegration", ...Array(2).fill(["StartBenchmark", "AddMarker", "AddMarker", "StopBenchmark", "CurrentBenchmark"]).flat()],
    events: ["integration", ...["a.bench.js::grp::fib 10", "::fib 12"].flatMap((u) => ["start", "marker:BenchmarkStart", "marker:BenchmarkEnd", "stop", `executed:${u}`])],
  },
];

let paths: ReturnType<typeof fifoDir>;
beforeEach(() => {
  paths = fifoDir();
});
afterEach(() => paths.cleanup());

describe.each(CASES)("captured $name ctl stream", ({ file, commands, events: expected }) => {
  const bytes = fixture(file);

  test("holds the expected commands", () => {
    expect(new FrameDecoder().push(bytes).map((p) => decodePayload(p).kind)).toEqual(commands as FifoCommand["kind"][]);
  });

  test("replayed in uneven chunks, gets one right reply per command and the same events", async () => {
    const events: BenchmarkEvent[] = [];
    const server = await startFifoServer({ ctlPath: paths.ctlPath, ackPath: paths.ackPath, mode: "perf", log: captureLogger(), onEvent: (e) => void events.push(e) });
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    // Cuts of 1..13 bytes land inside prefixes and payloads alike.
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const n = (i * 7) % 13 + 1;
      peer.write(bytes.subarray(at, at + n));
      at += n;
      if (i % 5 === 0) await Bun.sleep(1);
    }
    const replies = await peer.replies(commands.length);
    expect(replies.map((r) => r.kind)).toEqual(commands.map((c) => (c === "GetIntegrationMode" ? "IntegrationModeResponse" : "Ack")));
    peer.close();
    await server.close();
    expect(events.map(label)).toEqual(expected);
    expect(server.integration()).toEqual({ name: "codspeed-node", version: "5.7.1" });
    expect(server.benchmarkPids()).toHaveLength(1);
    // Client markers come from the capture run, so only their order within a benchmark is checked.
    const m = server.timestamps().markers.filter((x) => x.type.startsWith("Benchmark"));
    for (let i = 0; i < m.length; i += 2) expect(m[i + 1]!.timestampNs).toBeGreaterThan(m[i]!.timestampNs);
  });
});
