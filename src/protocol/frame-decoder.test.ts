import { describe, expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { decodePayload, encodeFrame } from "./bincode.ts";
import type { FifoCommand } from "./commands.ts";
import { FrameDecoder } from "./frame-decoder.ts";

const cmds: FifoCommand[] = [
  { kind: "SetVersion", version: 2n },
  { kind: "GetIntegrationMode" },
  { kind: "SetIntegration", name: "codspeed-node", version: "5.7.1" },
  { kind: "CurrentBenchmark", pid: 15312, uri: "bench.mjs::demo::fib 15" },
  { kind: "AddMarker", pid: 15312, marker: "BenchmarkEnd", timestampNs: 1924457754165n },
];
const stream = Uint8Array.from(cmds.flatMap((c) => [...encodeFrame(c)]));

function feed(d: FrameDecoder, chunks: Uint8Array[]): FifoCommand[] {
  return chunks.flatMap((c) => d.push(c)).map(decodePayload);
}

describe("FrameDecoder", () => {
  test("decodes many frames delivered in one chunk", () => {
    const d = new FrameDecoder();
    expect(feed(d, [stream])).toEqual(cmds);
    expect(d.pending).toBe(0);
  });

  test("decodes a length prefix and its payload written separately (the C client's two writes)", () => {
    const d = new FrameDecoder();
    const f = encodeFrame(cmds[2]!);
    expect(d.push(f.subarray(0, 4))).toEqual([]);
    expect(d.pending).toBe(4);
    expect(feed(d, [f.subarray(4)])).toEqual([cmds[2]!]);
  });

  test("decodes frames split mid-prefix and mid-payload", () => {
    const d = new FrameDecoder();
    const f = encodeFrame(cmds[3]!);
    expect(feed(d, [f.subarray(0, 2), f.subarray(2, 9), f.subarray(9, 20)])).toEqual([]);
    expect(feed(d, [f.subarray(20)])).toEqual([cmds[3]!]);
  });

  test("decodes the whole stream fed one byte at a time and at every split point", () => {
    const bytes = [...stream].map((b) => Uint8Array.of(b));
    expect(feed(new FrameDecoder(), bytes)).toEqual(cmds);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(feed(new FrameDecoder(), [stream.subarray(0, cut), stream.subarray(cut)])).toEqual(cmds);
    }
  });

  test("keeps its tail when the caller reuses the chunk buffer", () => {
    const d = new FrameDecoder();
    const f = encodeFrame(cmds[0]!);
    const chunk = new Uint8Array(f.subarray(0, 6));
    d.push(chunk);
    chunk.fill(0xee);
    expect(feed(d, [f.subarray(6)])).toEqual([cmds[0]!]);
  });

  test("an absurd length is a protocol error, and the decoder stays broken", () => {
    const d = new FrameDecoder(1024);
    expect(d.push(new Uint8Array([0, 4, 0, 0]))).toEqual([]); // exactly 1024: allowed, waits for data
    const d2 = new FrameDecoder(1024);
    expect(() => d2.push(new Uint8Array([1, 4, 0, 0]))).toThrow(PacerError);
    expect(() => d2.push(encodeFrame({ kind: "Ack" }))).toThrow(/exceeds the 1024-byte limit: the stream is out of sync/);
  });

  test("the default limit is 16 MiB", () => {
    const d = new FrameDecoder();
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, 16 * 1024 * 1024 + 1, true);
    expect(() => d.push(head)).toThrow(/16777216-byte limit/);
  });
});
