/**
 * The `MemtrackArtifact` file of the CodSpeed runner (reference §4.9): one zstd stream of back-to-back
 * MessagePack maps, keys in the order pid, tid, timestamp, addr, type, [old_addr], size. Written in
 * batches of independent zstd frames (concatenated frames are one valid zstd stream); a streaming
 * zstd writer would make one frame, which no reader needs.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { PluginLibs } from "../../src/index.ts";
import { EVENT_TYPES, type EventType, type MemEvent } from "./event.ts";
import { EventEncoder } from "./event-encoder.ts";

const BATCH_BYTES = 256 * 1024;

/** Encodes events to the artifact bytes (zstd level 1, as the reference). */
export function encodeArtifact(events: Iterable<MemEvent>, libs: PluginLibs): Uint8Array {
  const frames: Uint8Array[] = [];
  const enc = new EventEncoder();
  for (const ev of events) {
    enc.write(ev);
    if (enc.length >= BATCH_BYTES) frames.push(libs.zstd.compress(enc.take(), 1));
  }
  if (enc.length > 0) frames.push(libs.zstd.compress(enc.take(), 1));
  return Buffer.concat(frames);
}

/** Writes the artifact to `path`. */
export function writeArtifact(path: string, events: Iterable<MemEvent>, libs: PluginLibs): void {
  writeFileSync(path, encodeArtifact(events, libs));
}

/** Why an artifact could not be read, or how many events were kept. */
export type ArtifactRead = { ok: true; events: MemEvent[] } | { ok: false; error: string; events: MemEvent[] };

function toBig(v: unknown): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return BigInt(v);
  return undefined;
}

function toEvent(raw: unknown, index: number): MemEvent | string {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return `event ${index} is not a map`;
  const m = raw as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== "string" || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return `event ${index} has an unknown type ${JSON.stringify(type)}`;
  }
  const timestamp = toBig(m.timestamp);
  const addr = toBig(m.addr);
  const size = type === "Free" ? 0n : toBig(m.size);
  if (typeof m.pid !== "number" || typeof m.tid !== "number" || timestamp === undefined || addr === undefined || size === undefined) {
    return `event ${index} (${type}) lacks pid, tid, timestamp, addr or size`;
  }
  const ev: MemEvent = { pid: m.pid, tid: m.tid, timestamp, addr, type: type as EventType, size };
  if (type === "Realloc" && m.old_addr !== undefined) ev.oldAddr = toBig(m.old_addr) ?? 0n;
  return ev;
}

/**
 * Decodes artifact bytes. Never throws: a truncated stream or a malformed event gives `ok: false`
 * with the reason and the events decoded before it.
 */
export function decodeArtifact(bytes: Uint8Array, libs: PluginLibs): ArtifactRead {
  let raw: Uint8Array;
  try {
    raw = libs.zstd.decompress(bytes);
  } catch (err) {
    return { ok: false, error: `not a complete zstd stream (${err instanceof Error ? err.message : String(err)})`, events: [] };
  }
  if (raw.length === 0) return { ok: false, error: "it holds no events", events: [] };
  let values: unknown[];
  try {
    values = libs.msgpack.decodeAll(raw);
  } catch (err) {
    return { ok: false, error: `truncated or invalid MessagePack (${err instanceof Error ? err.message : String(err)})`, events: [] };
  }
  const events: MemEvent[] = [];
  for (const [i, v] of values.entries()) {
    const ev = toEvent(v, i);
    if (typeof ev === "string") return { ok: false, error: ev, events };
    events.push(ev);
  }
  if (events.length === 0) return { ok: false, error: "it holds no events", events };
  return { ok: true, events };
}

/** Reads and decodes an artifact file; a missing file is reported like a malformed one. */
export function readArtifact(path: string, libs: PluginLibs): ArtifactRead {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), events: [] };
  }
  return decodeArtifact(bytes, libs);
}
