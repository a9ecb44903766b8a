/**
 * The `ExecutionTimestamps.msgpack` artifact, byte-compatible with the CodSpeed runner's
 * `rmp_serde::to_vec_named`: `{"uri_by_ts": [[ts, "uri"], …], "markers": [{"SampleStart": ts}, …]}`.
 *
 * Written by hand rather than with msgpackr: msgpackr stores a bigint below 2^63 as `int64` (0xd3),
 * while rmp_serde stores a `u64` as the smallest unsigned form (0xcf for any real timestamp).
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import type { ExecutionTimestamps } from "../plugin/types.ts";

/** File name of the artifact (the Rust type name), written at the profile root in walltime. */
export const EXECUTION_TIMESTAMPS_FILE = "ExecutionTimestamps.msgpack";

class Writer {
  private bytes: number[] = [];
  private readonly utf8 = new TextEncoder();

  header(len: number, fix: number, fixMax: number, c16: number, c32: number): this {
    if (len <= fixMax) this.bytes.push(fix | len);
    else if (len <= 0xffff) this.bytes.push(c16, len >> 8, len & 0xff);
    else this.bytes.push(c32, ...be(BigInt(len), 4));
    return this;
  }
  map(len: number): this {
    return this.header(len, 0x80, 15, 0xde, 0xdf);
  }
  array(len: number): this {
    return this.header(len, 0x90, 15, 0xdc, 0xdd);
  }
  str(s: string): this {
    const b = this.utf8.encode(s);
    if (b.length <= 31) this.bytes.push(0xa0 | b.length);
    else if (b.length <= 0xff) this.bytes.push(0xd9, b.length);
    else if (b.length <= 0xffff) this.bytes.push(0xda, b.length >> 8, b.length & 0xff);
    else this.bytes.push(0xdb, ...be(BigInt(b.length), 4));
    for (const x of b) this.bytes.push(x);
    return this;
  }
  /** rmp's `write_uint`: the smallest unsigned encoding. */
  u64(v: bigint): this {
    if (v < 0n || v > 0xffff_ffff_ffff_ffffn) throw new RangeError(`Timestamp ${v} is not a u64`);
    if (v < 128n) this.bytes.push(Number(v));
    else if (v <= 0xffn) this.bytes.push(0xcc, Number(v));
    else if (v <= 0xffffn) this.bytes.push(0xcd, ...be(v, 2));
    else if (v <= 0xffff_ffffn) this.bytes.push(0xce, ...be(v, 4));
    else this.bytes.push(0xcf, ...be(v, 8));
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function be(v: bigint, n: number): number[] {
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return out;
}

/**
 * Encodes the timestamps as rmp_serde's named MessagePack.
 *
 * @example
 * ```ts
 * encodeExecutionTimestamps({ uriByTs: [[5n, "a::b"]], markers: [{ type: "SampleStart", timestampNs: 1n }] });
 * ```
 */
export function encodeExecutionTimestamps(ts: ExecutionTimestamps): Uint8Array {
  const w = new Writer().map(2).str("uri_by_ts").array(ts.uriByTs.length);
  for (const [t, uri] of ts.uriByTs) w.array(2).u64(t).str(uri);
  w.str("markers").array(ts.markers.length);
  for (const m of ts.markers) w.map(1).str(m.type).u64(m.timestampNs);
  return w.done();
}

/** Writes {@link encodeExecutionTimestamps} to `path` (usually `<profile>/ExecutionTimestamps.msgpack`). */
export function writeExecutionTimestamps(path: string, ts: ExecutionTimestamps): void {
  writeFileSync(path, encodeExecutionTimestamps(ts));
}
