import { describe, expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { decodePayload, encodeFrame, encodePayload } from "./bincode.ts";
import type { FifoCommand } from "./commands.ts";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/[\s|]/g, ""), "hex"));

// Frames copied verbatim from codspeed-runner.md §4.2 and codspeed-integrations.md §5 (captured from
// the shipped @codspeed/core 5.7.1 binary). PingPerf and the non-Perf modes have no captured example:
// they follow the same layout (marked "derived").
const CASES: Array<[string, FifoCommand, string]> = [
  ["Ack", { kind: "Ack" }, "04 00 00 00 | 03 00 00 00"],
  ["StartBenchmark", { kind: "StartBenchmark" }, "04 00 00 00 | 01 00 00 00"],
  ["StopBenchmark", { kind: "StopBenchmark" }, "04 00 00 00 02 00 00 00"],
  ["Err", { kind: "Err" }, "04 00 00 00 06 00 00 00"],
  ["GetIntegrationMode", { kind: "GetIntegrationMode" }, "04 00 00 00 | 09 00 00 00"],
  ["SetVersion(2)", { kind: "SetVersion", version: 2n }, "0c 00 00 00 | 08 00 00 00 02 00 00 00 00 00 00 00"],
  ["IntegrationModeResponse(Perf)", { kind: "IntegrationModeResponse", mode: "perf" }, "08 00 00 00 | 0a 00 00 00 00 00 00 00"],
  [
    "CurrentBenchmark{42, foo}",
    { kind: "CurrentBenchmark", pid: 42, uri: "foo" },
    "13 00 00 00 | 00 00 00 00 2a 00 00 00 03 00 00 00 00 00 00 00 66 6f 6f",
  ],
  [
    "AddMarker{42, BenchmarkStart(3)}",
    { kind: "AddMarker", pid: 42, marker: "BenchmarkStart", timestampNs: 3n },
    "14 00 00 00 | 07 00 00 00 2a 00 00 00 02 00 00 00 03 00 00 00 00 00 00 00",
  ],
  [
    "SetIntegration{codspeed-node, 5.7.1}",
    { kind: "SetIntegration", name: "codspeed-node", version: "5.7.1" },
    `26 00 00 00 05 00 00 00 0d 00 00 00 00 00 00 00 63 6f 64 73 70 65 65 64 2d 6e 6f 64 65
     05 00 00 00 00 00 00 00 35 2e 37 2e 31`,
  ],
  [
    "CurrentBenchmark{15312, bench.mjs::demo::fib 15}",
    { kind: "CurrentBenchmark", pid: 15312, uri: "bench.mjs::demo::fib 15" },
    `27 00 00 00 00 00 00 00 d0 3b 00 00 17 00 00 00 00 00 00 00 62 65 6e 63 68 2e 6d 6a 73
     3a 3a 64 65 6d 6f 3a 3a 66 69 62 20 31 35`,
  ],
  [
    "AddMarker{15312, BenchmarkStart(1924354518173)}",
    { kind: "AddMarker", pid: 15312, marker: "BenchmarkStart", timestampNs: 1924354518173n },
    "14 00 00 00 07 00 00 00 d0 3b 00 00 02 00 00 00 9d ac 77 0c c0 01 00 00",
  ],
  [
    "AddMarker{15312, BenchmarkEnd(1924457754165)}",
    { kind: "AddMarker", pid: 15312, marker: "BenchmarkEnd", timestampNs: 1924457754165n },
    "14 00 00 00 07 00 00 00 d0 3b 00 00 03 00 00 00 35 ee 9e 12 c0 01 00 00",
  ],
  ["PingPerf (derived)", { kind: "PingPerf" }, "04 00 00 00 04 00 00 00"],
  [
    "IntegrationModeResponse(Analysis) (derived)",
    { kind: "IntegrationModeResponse", mode: "analysis" },
    "08 00 00 00 0a 00 00 00 02 00 00 00",
  ],
  [
    "AddMarker SampleStart/SampleEnd (derived)",
    { kind: "AddMarker", pid: -1, marker: "SampleEnd", timestampNs: 0xffff_ffff_ffff_ffffn },
    "14 00 00 00 07 00 00 00 ff ff ff ff 01 00 00 00 ff ff ff ff ff ff ff ff",
  ],
];

describe("bincode", () => {
  test.each(CASES)("encodeFrame(%s) matches the reference bytes and decodes back", (_name, cmd, bytes) => {
    const frame = hex(bytes);
    expect(Buffer.from(encodeFrame(cmd)).toString("hex")).toBe(Buffer.from(frame).toString("hex"));
    expect(Buffer.from(encodePayload(cmd)).toString("hex")).toBe(Buffer.from(frame.subarray(4)).toString("hex"));
    expect(decodePayload(frame.subarray(4))).toEqual(cmd);
  });

  test("all 11 command variants are covered by the byte cases", () => {
    expect(new Set(CASES.map(([, c]) => c.kind)).size).toBe(11);
  });

  test("a 2044-byte URI round-trips (no 1 KiB cap)", () => {
    const cmd: FifoCommand = { kind: "CurrentBenchmark", pid: 7, uri: "é".repeat(1000) + "abcd" };
    const frame = encodeFrame(cmd);
    expect(new DataView(frame.buffer).getUint32(0, true)).toBe(frame.length - 4);
    expect(decodePayload(frame.subarray(4))).toEqual(cmd);
  });

  test.each([
    ["empty payload", ""],
    ["unknown variant 11", "0b 00 00 00"],
    ["truncated SetVersion", "08 00 00 00 02 00 00"],
    ["string longer than the payload", "00 00 00 00 2a 00 00 00 ff 00 00 00 00 00 00 00 66 6f 6f"],
    ["string length above 2^53", "00 00 00 00 2a 00 00 00 ff ff ff ff ff ff ff ff 66"],
    ["invalid UTF-8", "00 00 00 00 2a 00 00 00 01 00 00 00 00 00 00 00 ff"],
    ["unknown marker type 4", "07 00 00 00 2a 00 00 00 04 00 00 00 03 00 00 00 00 00 00 00"],
    ["unknown integration mode 3", "0a 00 00 00 03 00 00 00"],
    ["trailing bytes", "03 00 00 00 00"],
  ])("decodePayload rejects %s with E_PROTOCOL", (_name, bytes) => {
    let err: unknown;
    try {
      decodePayload(hex(bytes));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacerError);
    expect((err as PacerError).code).toBe("E_PROTOCOL");
    expect((err as PacerError).message).toStartWith("Cannot decode FIFO command: ");
  });
});
