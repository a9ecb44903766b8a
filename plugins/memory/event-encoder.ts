/**
 * MessagePack encoding of artifact events, written by hand for this one fixed shape: rmp_serde
 * writes every integer in its smallest unsigned form, which the generic encoder does not do for
 * 64-bit values (it writes BigInt as int64 and large numbers as float64, which a Rust `u64` field
 * rejects), and a run can hold millions of events (the generic encoder costs ~3 µs each here,
 * this ~0.1 µs). Decoding uses the generic decoder (`ctx.libs.msgpack.decodeAll`).
 *
 * @module
 */
import type { MemEvent } from "./event.ts";

const utf8 = new TextEncoder();
const KEYS = Object.fromEntries(["pid", "tid", "timestamp", "addr", "type", "old_addr", "size"].map((k) => [k, fixstr(k)])) as Record<string, Uint8Array>;
const TYPES = new Map<string, Uint8Array>();

function fixstr(s: string): Uint8Array {
  const b = utf8.encode(s);
  return Uint8Array.from([0xa0 | b.length, ...b]);
}

/** Appends events to growing buffers; `take()` returns the bytes written so far. */
export class EventEncoder {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private at = 0;

  get length(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  private bytes(b: Uint8Array): void {
    // A loop beats TypedArray.set for a handful of bytes.
    const out = this.buf;
    let at = this.at;
    for (let i = 0; i < b.length; i++) out[at++] = b[i]!;
    this.at = at;
  }

  /** rmp's smallest unsigned encoding of a number below 2^32. */
  private uint(v: number): void {
    const b = this.buf;
    if (v < 0x80) b[this.at++] = v;
    else if (v <= 0xff) {
      b[this.at++] = 0xcc;
      b[this.at++] = v;
    } else if (v <= 0xffff) {
      b[this.at++] = 0xcd;
      b[this.at++] = v >>> 8;
      b[this.at++] = v & 0xff;
    } else {
      b[this.at++] = 0xce;
      this.view.setUint32(this.at, v);
      this.at += 4;
    }
  }

  /** rmp's smallest unsigned encoding of a u64. */
  private ubig(v: bigint): void {
    if (v <= 0xffff_ffffn) return this.uint(Number(v));
    this.buf[this.at++] = 0xcf;
    this.view.setBigUint64(this.at, v);
    this.at += 8;
  }

  /** Writes one event map (keys in the reference's order). */
  write(ev: MemEvent): void {
    this.room(128);
    const hasOld = ev.type === "Realloc" && ev.oldAddr !== undefined;
    const isFree = ev.type === "Free";
    this.buf[this.at++] = 0x80 | (5 + (hasOld ? 1 : 0) + (isFree ? 0 : 1));
    this.bytes(KEYS.pid!);
    this.uint(ev.pid);
    this.bytes(KEYS.tid!);
    this.uint(ev.tid);
    this.bytes(KEYS.timestamp!);
    this.ubig(ev.timestamp);
    this.bytes(KEYS.addr!);
    this.ubig(ev.addr);
    this.bytes(KEYS.type!);
    let t = TYPES.get(ev.type);
    if (!t) TYPES.set(ev.type, (t = fixstr(ev.type)));
    this.bytes(t);
    if (hasOld) {
      this.bytes(KEYS.old_addr!);
      this.ubig(ev.oldAddr!);
    }
    if (!isFree) {
      this.bytes(KEYS.size!);
      this.ubig(ev.size);
    }
  }

  /** Returns the bytes written since the last `take()` and starts over. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.at);
    this.at = 0;
    return out;
  }
}
