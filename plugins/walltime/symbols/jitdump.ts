/**
 * Reads the `CodeLoad` records of a jitdump file (`jit-<pid>.dump`, written by node's `--perf-prof`
 * or Python's perf JIT support) as perf-map symbols. Format: linux tools/perf/Documentation/
 * jitdump-specification.txt (40-byte header, then records `{id u32, total_size u32, timestamp u64}`).
 *
 * @module
 */

export interface JitSymbol {
  addr: bigint;
  size: bigint;
  name: string;
  /** When the code was loaded: CLOCK_MONOTONIC ns for node (the clock of perf's `-k CLOCK_MONOTONIC`). */
  timestampNs: bigint;
}

const MAGIC = 0x4a695444; // "JiTD" written in the host's byte order
const CODE_LOAD = 0;
const CODE_CLOSE = 3;

/** The CodeLoad symbols of a jitdump; stops quietly at a truncated record (node may still be writing). */
export function parseJitdump(buf: Uint8Array): JitSymbol[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 40) return [];
  const le = dv.getUint32(0, true) === MAGIC;
  if (!le && dv.getUint32(0, false) !== MAGIC) return [];
  const headerSize = dv.getUint32(8, le);
  const out: JitSymbol[] = [];
  let off = headerSize;
  while (off + 16 <= buf.byteLength) {
    const id = dv.getUint32(off, le);
    const size = dv.getUint32(off + 4, le);
    if (size < 16 || off + size > buf.byteLength || id === CODE_CLOSE) break;
    if (id === CODE_LOAD) {
      // pid u32, tid u32, vma u64, code_addr u64, code_size u64, code_index u64, name\0, code
      const body = off + 16;
      const addr = dv.getBigUint64(body + 16, le);
      const codeSize = dv.getBigUint64(body + 24, le);
      const nameStart = body + 40;
      let end = nameStart;
      while (end < off + size && buf[end] !== 0) end++;
      const name = new TextDecoder().decode(buf.subarray(nameStart, end));
      out.push({ addr, size: codeSize, name, timestampNs: dv.getBigUint64(off + 8, le) });
    }
    off += size;
  }
  return out;
}

/** perf-map lines (`<addr hex> <size hex> <name>`), the format of `/tmp/perf-<pid>.map`. */
export function perfMapLines(symbols: JitSymbol[]): string {
  return symbols.map((s) => `${s.addr.toString(16)} ${s.size.toString(16)} ${s.name}\n`).join("");
}
