import { describe, expect, test } from "bun:test";
import { pluginLibs } from "../../src/plugin/libs.ts";
import { decodeArtifact, encodeArtifact } from "./artifact.ts";
import type { MemEvent } from "./event.ts";

const libs = pluginLibs();
const events: MemEvent[] = [
  { pid: 7, tid: 8, timestamp: 1_000_000_000_123n, addr: 0x5566_0000_1000n, type: "Malloc", size: 64n },
  { pid: 7, tid: 8, timestamp: 1_000_000_000_456n, addr: 0x5566_0000_2000n, type: "Realloc", oldAddr: 0x5566_0000_1000n, size: 128n },
  { pid: 7, tid: 9, timestamp: 1_000_000_000_789n, addr: 0x5566_0000_2000n, type: "Free", size: 0n },
];

describe("MemtrackArtifact", () => {
  test("writes one msgpack map per event with the reference's key order", () => {
    const raw = libs.msgpack.decodeAll(libs.zstd.decompress(encodeArtifact(events, libs))) as Array<Record<string, unknown>>;
    expect(raw.map((m) => Object.keys(m))).toEqual([
      ["pid", "tid", "timestamp", "addr", "type", "size"],
      ["pid", "tid", "timestamp", "addr", "type", "old_addr", "size"],
      ["pid", "tid", "timestamp", "addr", "type"],
    ]);
    expect(raw[1]).toEqual({ pid: 7, tid: 8, timestamp: 1_000_000_000_456n, addr: 0x5566_0000_2000n, type: "Realloc", old_addr: 0x5566_0000_1000n, size: 128 });
  });

  test("writes integers in rmp's smallest unsigned form (u64 fields never as int64 or float)", () => {
    const bytes = libs.zstd.decompress(encodeArtifact([{ pid: 300, tid: 70000, timestamp: 5_000_000_000n, addr: 255n, type: "Malloc", size: 64n }], libs));
    const hex = Buffer.from(bytes).toString("hex");
    // fixmap(6) "pid" u16 300, "tid" u32 70000, "timestamp" u64, "addr" u8 255, "type" "Malloc", "size" fixint 64
    expect(hex).toBe(
      "86" + "a3706964" + "cd012c" + "a3746964" + "ce00011170" + "a974696d657374616d70" + "cf000000012a05f200" +
        "a461646472" + "ccff" + "a474797065" + "a64d616c6c6f63" + "a473697a65" + "40",
    );
  });

  test("round-trips through several zstd frames", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...events[0]!, addr: BigInt(i * 16), timestamp: BigInt(i) }));
    const bytes = encodeArtifact(many, libs);
    const read = decodeArtifact(bytes, libs);
    expect(read.ok).toBe(true);
    expect(read.events).toHaveLength(20_000);
    expect(read.events[19_999]!.addr).toBe(319_984n);
  });

  test("reports a truncated stream instead of throwing", () => {
    const bytes = encodeArtifact(events, libs);
    const read = decodeArtifact(bytes.subarray(0, bytes.length - 7), libs);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/zstd|MessagePack/);
  });

  test("reports truncated MessagePack inside a valid zstd frame", () => {
    const one = libs.msgpack.encode({ pid: 1, tid: 1, timestamp: 5n, addr: 16n, type: "Malloc", size: 8n });
    const read = decodeArtifact(libs.zstd.compress(one.subarray(0, one.length - 3), 1), libs);
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.error).toContain("MessagePack");
  });

  test("reports an event of an unknown type, keeping the ones before it", () => {
    const bad = [{ pid: 1, tid: 1, timestamp: 1n, addr: 16n, type: "Malloc", size: 8n }, { pid: 1, tid: 1, timestamp: 2n, addr: 16n, type: "Teleport" }];
    const read = decodeArtifact(libs.zstd.compress(Buffer.concat(bad.map((b) => libs.msgpack.encode(b))), 1), libs);
    expect(read).toMatchObject({ ok: false, error: 'event 1 has an unknown type "Teleport"' });
    expect(read.events).toHaveLength(1);
  });

  test("reports an empty artifact as such", () => {
    expect(decodeArtifact(libs.zstd.compress(new Uint8Array(0), 1), libs)).toMatchObject({ ok: false, error: "it holds no events" });
  });

  test("reads a file without old_addr (older memtrack)", () => {
    const old = libs.msgpack.encode({ pid: 1, tid: 1, timestamp: 1, addr: 32, type: "Realloc", size: 8 });
    const read = decodeArtifact(libs.zstd.compress(old, 1), libs);
    expect(read).toMatchObject({ ok: true, events: [{ type: "Realloc", addr: 32n, size: 8n }] });
    expect(read.events[0]!.oldAddr).toBeUndefined();
  });
});
