/**
 * Reads the event files the preload library writes (`<pid>.<ns>.events`, layout in
 * `preload/memtrack.c`): a 192-byte header, a ring of 32-byte slots, then the drained events. Events
 * [0, written) are in the data part, [written, next) still in the ring (a process that _exited or
 * crashed before its writer drained them). Timestamps are CPU counter ticks, mapped to
 * CLOCK_MONOTONIC ns through the file's EV_CLOCK pairs.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { eventTypeOf, type MemEvent } from "./event.ts";
import { TickClock } from "./tick-clock.ts";

const HEADER = 192;
const EVENT = 32;
const MAGIC = "PACERMT2";
/** A slot reserved for an event that did not happen (a failed realloc). */
const NONE = 0xff;
/** The second slot of a realloc: its old address. */
const OLD = 0x10;
/** A (ticks, CLOCK_MONOTONIC ns) pair. */
const CLOCK = 0x11;

/** What one process (one exec image of a pid) recorded. */
export interface ProcessRecording {
  pid: number;
  ppid: number;
  startNs: bigint;
  events: MemEvent[];
  /** Events that did not fit in the file (capacity reached). */
  lost: number;
  /** Slots reserved but never completed (the process died mid-write). */
  torn: number;
  /** errno of the failed write of the file's data (disk full): events after it were lost. */
  storageErrno: number;
  /** Times an allocating thread found the ring full and waited for it to drain. */
  waits: number;
}

interface Layout {
  capacity: bigint;
  next: bigint;
  written: bigint;
  /** Slots past the capacity that held no event and are no longer in the ring (see memtrack.c). */
  skipped: bigint;
  drained: bigint;
  ringSlots: number;
}

function layoutOf(view: DataView): Layout {
  return {
    capacity: view.getBigUint64(24, true),
    ringSlots: view.getUint32(44, true),
    written: view.getBigUint64(48, true),
    skipped: view.getBigUint64(56, true),
    next: view.getBigUint64(64, true),
    drained: view.getBigUint64(128, true),
  };
}

/**
 * Events past the capacity: its slots, less those that held no event (clock pairs, a realloc's
 * second slot, a failed realloc's reservation), whether the library counted them or they are still
 * in the ring, not drained (a full disk stops the draining there).
 */
function lostEvents(view: DataView, l: Layout): number {
  if (l.next <= l.capacity) return 0;
  let noEvent = l.skipped;
  const from = l.capacity > l.drained ? l.capacity : l.drained;
  const ringEnd = l.drained + BigInt(l.ringSlots);
  const to = l.next < ringEnd ? l.next : ringEnd;
  for (let i = from; i < to; i++) {
    const type = view.getUint32(HEADER + Number(i % BigInt(l.ringSlots)) * EVENT, true);
    if (type === CLOCK || type === OLD || type === NONE) noEvent++;
  }
  const lost = l.next - l.capacity - noEvent;
  return Number(lost > 0n ? lost : 0n);
}

/** Byte offsets, in recording order, of the slots that hold events: the data part, then the ring's rest. */
function slotOffsets(l: Layout, length: number): { offsets: number[]; missing: number } {
  const filled = l.next < l.capacity ? l.next : l.capacity;
  const dataStart = HEADER + l.ringSlots * EVENT;
  const written = Number(l.written < filled ? l.written : filled);
  const inData = Math.min(written, Math.max(0, Math.floor((length - dataStart) / EVENT)));
  const offsets: number[] = [];
  for (let i = 0; i < inData; i++) offsets.push(dataStart + i * EVENT);
  // Slots of [written, drained + ring) may hold their event; later ones were still waiting for room.
  const ringEnd = Math.min(Number(filled), Number(l.drained) + l.ringSlots);
  for (let i = written; i < ringEnd; i++) offsets.push(HEADER + (i % l.ringSlots) * EVENT);
  return { offsets, missing: Number(filled) - offsets.length };
}

/** Parses one event file's bytes; `null` when it is not a pacer event file. */
export function parseEventFile(buf: Uint8Array): ProcessRecording | null {
  if (buf.length < HEADER || new TextDecoder().decode(buf.subarray(0, 8)) !== MAGIC) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(20, true) !== EVENT) return null;
  const pid = view.getUint32(12, true);
  const ppid = view.getUint32(16, true);
  const startNs = view.getBigUint64(32, true);
  const storageErrno = view.getUint32(40, true);
  const layout = layoutOf(view);
  if (layout.ringSlots === 0 || buf.length < HEADER + layout.ringSlots * EVENT) return null;
  const { offsets, missing } = slotOffsets(layout, buf.length);
  const clock = new TickClock();
  for (const at of offsets) if (view.getUint32(at, true) === CLOCK) clock.add(view.getUint32(at + 8, true), view.getUint32(at + 12, true), view.getBigUint64(at + 16, true));
  clock.seal();
  const events: MemEvent[] = [];
  let torn = missing;
  for (let k = 0; k < offsets.length; k++) {
    const at = offsets[k]!;
    const raw = view.getUint32(at, true);
    if (raw === NONE || raw === CLOCK || raw === OLD) continue;
    const type = eventTypeOf(raw);
    if (!type) {
      torn++;
      continue;
    }
    const ev: MemEvent = {
      pid,
      tid: view.getUint32(at + 4, true),
      timestamp: clock.ns(view.getUint32(at + 8, true), view.getUint32(at + 12, true)),
      addr: view.getBigUint64(at + 16, true),
      type,
      size: view.getBigUint64(at + 24, true),
    };
    if (type === "Realloc") {
      const old = offsets[k + 1];
      if (old !== undefined && view.getUint32(old, true) === OLD) ev.oldAddr = view.getBigUint64(old + 16, true);
      else torn++; // its second half never written: the old block is unknown
    }
    events.push(ev);
  }
  return { pid, ppid, startNs, events, lost: lostEvents(view, layout), torn, storageErrno, waits: Number(view.getBigUint64(136, true)) };
}

/** Reads the header, the ring and the written part of an event file (the file itself is sparse and large). */
function readUsed(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const head = new Uint8Array(HEADER);
    if (readSync(fd, head, 0, HEADER, 0) < HEADER) return head.subarray(0, 0);
    const l = layoutOf(new DataView(head.buffer));
    const filled = l.next < l.capacity ? l.next : l.capacity;
    const used = HEADER + (l.ringSlots + Number(l.written < filled ? l.written : filled)) * EVENT;
    const length = Math.min(used, fstatSync(fd).size);
    const buf = new Uint8Array(length);
    buf.set(head);
    let off = HEADER;
    while (off < length) {
      const n = readSync(fd, buf, off, length - off, off);
      if (n <= 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** Reads every event file of `dir`, oldest first. */
export function readEventDir(dir: string): ProcessRecording[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".events"));
  } catch {
    return [];
  }
  const out: ProcessRecording[] = [];
  for (const name of names) {
    const rec = parseEventFile(readUsed(join(dir, name)));
    if (rec) out.push(rec);
  }
  return out.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
}

function readNotes(dir: string, ext: string): Array<{ pid: number; ns: bigint; text: string }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<{ pid: number; ns: bigint; text: string }> = [];
  for (const name of names) {
    const m = /^(\d+)\.(\d+)\.(\w+)$/.exec(name);
    if (!m || m[3] !== ext) continue;
    try {
      out.push({ pid: Number(m[1]), ns: BigInt(m[2]!), text: readFileSync(join(dir, name), "utf8").trim() });
    } catch {
      // removed meanwhile
    }
  }
  return out.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
}

/**
 * The parent of every process that loaded the library (`<pid>.<ns>.proc` files, written at load and
 * after fork, so also for processes that recorded nothing). A pid seen twice (fork, then exec) keeps
 * its first parent: the later one may be init when the parent has exited since.
 */
export function readProcessTree(dir: string): Map<number, number> {
  const tree = new Map<number, number>();
  for (const n of readNotes(dir, "proc")) {
    const [pid, ppid] = n.text.split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined && Number.isFinite(ppid) && !tree.has(pid)) tree.set(pid, ppid);
  }
  return tree;
}

/** Why processes could not set up their event file (`<pid>.<ns>.error`), one line each. */
export function readSetupErrors(dir: string): Array<{ pid: number; message: string }> {
  return readNotes(dir, "error").map((n) => ({ pid: n.pid, message: n.text }));
}
