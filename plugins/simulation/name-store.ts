/**
 * Where the bytes of callgrind names are kept until a consumer asks for a name's text. A parsed file
 * keeps its long names where they are, in the file: with `--separate-callers` a name is a caller
 * chain of hundreds of bytes, 49 MB for 80,000 functions, and fresh memory is what a big parse pays
 * for (page faults on a VM: ~4 ms per MB), while consumers decode a few hundred names at most.
 *
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";

/** Keeps names' bytes; `keep` returns a handle that `read` takes back. */
export interface NameStore {
  /** Keeps `buf[start, end)`, found at `at` in the parsed stream; the bytes of `buf` are only valid during the call. */
  keep(buf: Uint8Array, start: number, end: number, at: number): number;
  /** The bytes of the name kept as `handle`, `length` bytes long. */
  read(handle: number, length: number): Uint8Array;
}

/** Arena chunk size: names are copied one after the other, a chunk at a time. */
const CHUNK = 1 << 20;
/** A handle of an arena name is `chunk · SPAN + offset`; a name longer than a chunk gets a chunk of its own at offset 0. */
const SPAN = 2 * CHUNK;

/** The first chunk's size; each next one is twice the last, up to {@link CHUNK}: a small file's names take little. */
const FIRST_CHUNK = 16 << 10;

/** Names copied into memory (a stream cannot be read again), in chunks of up to 1 MiB that are never copied. */
export class MemoryNames implements NameStore {
  private readonly chunks: Uint8Array[] = [];
  private used = 0;

  keep(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len > CHUNK) {
      this.chunks.push(buf.slice(start, end));
      return (this.chunks.length - 1) * SPAN;
    }
    const last = this.chunks[this.chunks.length - 1];
    if (!last || this.used + len > last.length) {
      this.chunks.push(new Uint8Array(Math.max(len, Math.min(CHUNK, FIRST_CHUNK * 2 ** this.chunks.length))));
      this.used = 0;
    }
    this.chunks[this.chunks.length - 1]!.set(buf.subarray(start, end), this.used);
    this.used += len;
    return (this.chunks.length - 1) * SPAN + this.used - len;
  }

  read(handle: number, length: number): Uint8Array {
    const chunk = this.chunks[Math.floor(handle / SPAN)]!;
    const at = handle % SPAN;
    return chunk.subarray(at, at + length);
  }
}

/**
 * Names up to this many bytes are kept in memory even for a file: they are the names consumers test
 * one by one (is this an allocator, is this a `0x…` JIT frame: both far shorter), and they cost
 * little. Longer names stay in the file and are read back when asked for.
 */
export const SHORT_NAME = 64;

/** The names of a file on disk: short ones copied, long ones read back from the file (which must not change meanwhile). */
export class FileNames implements NameStore {
  private readonly short = new MemoryNames();

  constructor(private readonly path: string) {}

  /** A short name's handle is its arena handle (≥ 0); a long one's is `-(at + 1)`, its place in the file. */
  keep(buf: Uint8Array, start: number, end: number, at: number): number {
    return end - start <= SHORT_NAME ? this.short.keep(buf, start, end) : -(at + 1);
  }

  read(handle: number, length: number): Uint8Array {
    if (handle >= 0) return this.short.read(handle, length);
    const out = new Uint8Array(length);
    const fd = openSync(this.path, "r");
    try {
      readSync(fd, out, 0, length, -handle - 1);
    } finally {
      closeSync(fd);
    }
    return out;
  }
}
