import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEventFile, readEventDir } from "./preload-events.ts";

// Captured: malloc-free.c (10 mallocs, 10 frees) under the preload library with capacity 8 and a
// 4-slot ring (PACER_MEMTRACK_RING=4), all drained into the data part at exit.
const CAPTURED = join(import.meta.dir, "..", "..", "test", "fixtures", "memory", "malloc-free-capacity8.events");

describe("preload event files", () => {
  test("parseEventFile() reads a captured file and counts the events past its capacity as lost", () => {
    const rec = parseEventFile(readFileSync(CAPTURED))!;
    expect(rec.pid).toBe(30094);
    expect(rec.ppid).toBe(29445);
    expect(rec.events).toHaveLength(8);
    expect(rec.events.every((e) => e.type === "Malloc" && e.size === 100n)).toBe(true);
    expect(rec.lost).toBe(12);
    expect(rec.torn).toBe(0);
  });

  test("parseEventFile() skips a slot a dying process left half written", () => {
    const buf = new Uint8Array(readFileSync(CAPTURED));
    buf.fill(0, 640 - 32, 640 - 28); // type of the last drained event never stored
    const rec = parseEventFile(buf)!;
    expect(rec.events).toHaveLength(7);
    expect(rec.torn).toBe(1);
  });

  test("parseEventFile() does not count slots past the capacity that held no event as lost events", () => {
    // The captured file: capacity 10 slots, next 22, drained 10, a ring of 4 (indexes 10..13 in it).
    const buf = new Uint8Array(readFileSync(CAPTURED));
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // The library counted 3 it can no longer show (clock pairs never stored, discarded on a full disk).
    view.setBigUint64(56, 3n, true);
    expect(parseEventFile(buf)!.lost).toBe(9);
    // Index 10 (ring slot 2) still holds a clock pair and index 11 (slot 3) a realloc's second half.
    view.setUint32(192 + 2 * 32, 0x11, true);
    view.setUint32(192 + 3 * 32, 0x10, true);
    const rec = parseEventFile(buf)!;
    expect(rec.lost).toBe(7);
    // The events under the capacity are the same.
    expect(rec.events).toHaveLength(8);
    // Never below 0 whatever the counter says.
    view.setBigUint64(56, 100n, true);
    expect(parseEventFile(buf)!.lost).toBe(0);
  });

  test("parseEventFile() rejects other files", () => {
    expect(parseEventFile(new TextEncoder().encode("hello".repeat(20)))).toBeNull();
  });

  test("readEventDir() reads only the used part and ignores other files", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-memevents-"));
    try {
      writeFileSync(join(dir, "1.2.events"), readFileSync(CAPTURED));
      writeFileSync(join(dir, "notes.txt"), "x");
      expect(readEventDir(dir).map((r) => r.events.length)).toEqual([8]);
      expect(readEventDir(join(dir, "missing"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
