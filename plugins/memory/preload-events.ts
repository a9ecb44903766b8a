/**
 * Reads the event files the preload library writes (`<pid>.<ns>.events`, layout in
 * `preload/memtrack.c`): a 64-byte header, then 40-byte events.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { eventTypeOf, type MemEvent } from "./event.ts";

const HEADER = 64;
const EVENT = 40;
const MAGIC = "PACERMT1";
/** A slot reserved for an event that did not happen (a failed realloc). */
const NONE = 0xff;

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
  /** errno of the failed allocation of the file's storage (disk full): events after it were lost. */
  storageErrno: number;
}

/** Parses one event file's bytes; `null` when it is not a pacer event file. */
export function parseEventFile(buf: Uint8Array): ProcessRecording | null {
  if (buf.length < HEADER || new TextDecoder().decode(buf.subarray(0, 8)) !== MAGIC) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const pid = view.getUint32(12, true);
  const ppid = view.getUint32(16, true);
  const eventSize = view.getUint32(20, true);
  if (eventSize !== EVENT) return null;
  const capacity = view.getBigUint64(24, true);
  const next = view.getBigUint64(32, true);
  const startNs = view.getBigUint64(40, true);
  const storageErrno = Number(view.getBigUint64(48, true));
  const filled = Number(next < capacity ? next : capacity);
  const available = Math.min(filled, Math.floor((buf.length - HEADER) / EVENT));
  const events: MemEvent[] = [];
  let torn = filled - available;
  for (let i = 0; i < available; i++) {
    const at = HEADER + i * EVENT;
    const raw = view.getUint32(at, true);
    if (raw === NONE) continue;
    const type = eventTypeOf(raw);
    if (!type) {
      torn++;
      continue;
    }
    const ev: MemEvent = {
      pid,
      tid: view.getUint32(at + 4, true),
      timestamp: view.getBigUint64(at + 8, true),
      addr: view.getBigUint64(at + 16, true),
      type,
      size: view.getBigUint64(at + 24, true),
    };
    if (type === "Realloc") ev.oldAddr = view.getBigUint64(at + 32, true);
    events.push(ev);
  }
  return { pid, ppid, startNs, events, lost: Number(next > capacity ? next - capacity : 0n), torn, storageErrno };
}

/** Reads only the used part of an event file (the file itself is sparse and large). */
function readUsed(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const head = new Uint8Array(HEADER);
    if (readSync(fd, head, 0, HEADER, 0) < HEADER) return head.subarray(0, 0);
    const view = new DataView(head.buffer);
    const capacity = view.getBigUint64(24, true);
    const next = view.getBigUint64(32, true);
    const used = HEADER + Number(next < capacity ? next : capacity) * EVENT;
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
