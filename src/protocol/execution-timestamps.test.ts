import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unpackr } from "msgpackr";
import { encodeExecutionTimestamps, writeExecutionTimestamps } from "./execution-timestamps.ts";

const unpack = (b: Uint8Array) => new Unpackr({ int64AsType: "bigint", mapsAsObjects: true }).unpack(b);

describe("encodeExecutionTimestamps", () => {
  test("writes the rmp_serde named shape and decodes back", () => {
    const bytes = encodeExecutionTimestamps({
      uriByTs: [
        [1924457754165n, "bench.mjs::demo::fib 15"],
        [1924457754999n, "bench.mjs::demo::fib 20"],
      ],
      markers: [
        { type: "SampleStart", timestampNs: 1924354518173n },
        { type: "BenchmarkStart", timestampNs: 1924354518180n },
        { type: "BenchmarkEnd", timestampNs: 1924457754000n },
        { type: "SampleEnd", timestampNs: 1924457754100n },
      ],
    });
    expect(unpack(bytes)).toEqual({
      uri_by_ts: [
        [1924457754165n, "bench.mjs::demo::fib 15"],
        [1924457754999n, "bench.mjs::demo::fib 20"],
      ],
      markers: [
        { SampleStart: 1924354518173n },
        { BenchmarkStart: 1924354518180n },
        { BenchmarkEnd: 1924457754000n },
        { SampleEnd: 1924457754100n },
      ],
    });
  });

  test("timestamps are msgpack uint64 (0xcf), never int64 or float", () => {
    const bytes = encodeExecutionTimestamps({ uriByTs: [], markers: [{ type: "SampleEnd", timestampNs: 0x1_0000_0000n }] });
    const hex = Buffer.from(bytes).toString("hex");
    // {"uri_by_ts": [], "markers": [{"SampleEnd": 0xcf 00000001 00000000}]}
    expect(hex).toBe(
      "82" + "a9" + Buffer.from("uri_by_ts").toString("hex") + "90" +
        "a7" + Buffer.from("markers").toString("hex") + "91" +
        "81" + "a9" + Buffer.from("SampleEnd").toString("hex") + "cf0000000100000000",
    );
  });

  test("small values use rmp's smallest unsigned forms; u64::MAX survives", () => {
    const enc = (t: bigint) =>
      Buffer.from(encodeExecutionTimestamps({ uriByTs: [[t, ""]], markers: [] })).toString("hex").slice(26, -20); // between `[[` and `, ""]]`
    expect(enc(5n)).toBe("05");
    expect(enc(200n)).toBe("ccc8");
    expect(enc(0x1234n)).toBe("cd1234");
    expect(enc(0x12345678n)).toBe("ce12345678");
    const max = 0xffff_ffff_ffff_ffffn;
    expect(unpack(encodeExecutionTimestamps({ uriByTs: [[max, "x"]], markers: [] })).uri_by_ts[0][0]).toBe(max);
  });

  test("long URIs and many entries use str8/str16 and array16 headers", () => {
    const uri = "u".repeat(300);
    const many = Array.from({ length: 20 }, (_, i) => [BigInt(i) + 10_000_000_000n, i ? "a".repeat(40) : uri] as [bigint, string]);
    const decoded = unpack(encodeExecutionTimestamps({ uriByTs: many, markers: [] }));
    expect(decoded.uri_by_ts).toEqual(many);
  });

  test("writeExecutionTimestamps writes the encoded bytes to the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-ts-"));
    try {
      const ts = { uriByTs: [[7_000_000_000n, "a::b"]] as Array<[bigint, string]>, markers: [] };
      writeExecutionTimestamps(join(dir, "ExecutionTimestamps.msgpack"), ts);
      expect(Buffer.from(readFileSync(join(dir, "ExecutionTimestamps.msgpack"))).equals(encodeExecutionTimestamps(ts))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
