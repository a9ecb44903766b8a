/**
 * Line splitting without strings: hands each line to the callback as a byte range of a reused
 * buffer, for parsers of files of hundreds of megabytes (callgrind) that would spend more time
 * decoding and allocating line strings than parsing. Memory is one read buffer plus the longest
 * line, whatever the file size.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/**
 * Receives `buf[start, end)`: one line without its `\n`, or a block of lines. The bytes are only valid
 * during the call; `at` is where `buf[start]` lies in the stream (a file offset), for a parser that
 * reads some bytes again later instead of keeping them.
 */
export type ByteLineHandler = (buf: Uint8Array, start: number, end: number, at: number) => void;

const NL = 10;
const encoder = new TextEncoder();

/** A block handler that hands each line of the block to `onLine`. */
function splitLines(onLine: ByteLineHandler): ByteLineHandler {
  return (buf, start, end, at) => {
    let from = start;
    for (let nl = buf.indexOf(NL, from); nl >= 0 && nl < end; nl = buf.indexOf(NL, from)) {
      onLine(buf, from, nl, at + from - start);
      from = nl + 1;
    }
    if (from < end) onLine(buf, from, end, at + from - start);
  };
}

/**
 * Calls `onBlock` with runs of whole lines of a byte stream (`buf[start, end)`, each line ending in
 * `\n` except an unterminated last one). String chunks are encoded as UTF-8. A chunk is handed on
 * where it lies; only a line cut between two chunks is copied.
 */
export async function forEachLineBlock(input: AsyncIterable<Uint8Array | string>, onBlock: ByteLineHandler): Promise<void> {
  let buf = new Uint8Array(0);
  let used = 0;
  /** Where `buf[0]` and the chunk's first byte lie in the stream. */
  let bufAt = 0;
  let chunkAt = 0;
  const append = (bytes: Uint8Array, at: number) => {
    if (used === 0) bufAt = at;
    if (buf.length < used + bytes.length) {
      const grown = new Uint8Array(Math.max(64 * 1024, 2 * (used + bytes.length)));
      grown.set(buf.subarray(0, used));
      buf = grown;
    }
    buf.set(bytes, used);
    used += bytes.length;
  };
  for await (const raw of input) {
    const chunk = typeof raw === "string" ? encoder.encode(raw) : raw;
    const last = chunk.lastIndexOf(NL);
    if (last < 0) {
      append(chunk, chunkAt);
    } else {
      let from = 0;
      if (used > 0) {
        // The line cut at the end of the previous chunk, completed by this chunk's first line.
        from = chunk.indexOf(NL) + 1;
        append(chunk.subarray(0, from), chunkAt);
        onBlock(buf, 0, used, bufAt);
        used = 0;
      }
      if (from <= last) onBlock(chunk, from, last + 1, chunkAt + from);
      append(chunk.subarray(last + 1), chunkAt + last + 1);
    }
    chunkAt += chunk.length;
  }
  if (used > 0) onBlock(buf, 0, used, bufAt);
}

/**
 * Calls `onLine` for each line of a byte stream (a last line without `\n` included). String chunks
 * are encoded as UTF-8.
 *
 * @example
 * ```ts
 * await forEachByteLine(proc.stdout, (buf, s, e) => { if (buf[s] === 35) comments++; });
 * ```
 */
export function forEachByteLine(input: AsyncIterable<Uint8Array | string>, onLine: ByteLineHandler): Promise<void> {
  return forEachLineBlock(input, splitLines(onLine));
}

/**
 * Calls `onBlock` with runs of whole lines of a file (`buf[start, end)`, each line ending in `\n`
 * except an unterminated last one), read in `blockBytes` blocks (no more than twice the file) into one buffer (grown only for a
 * line longer than a block). For parsers that walk the bytes themselves: a short line then costs
 * no call and no `indexOf` of its own.
 *
 * Blocks are read synchronously (a parse is bound by its CPU, and an awaited read per block cost
 * a promise and a thread-pool round trip each), yielding to the event loop every
 * {@link YIELD_BYTES} so that signals and timers are still served during a long parse.
 */
export async function forEachFileLineBlock(path: string, onBlock: ByteLineHandler, blockBytes = 4 << 20): Promise<void> {
  const fd = openSync(path, "r");
  try {
    // No bigger than the file (and what it may have grown by since): fresh memory is not free.
    const chunkBytes = Math.min(blockBytes, Math.max(64 << 10, 2 * fstatSync(fd).size));
    let buf = new Uint8Array(chunkBytes);
    let used = 0;
    /** The file offset of `buf[0]`. */
    let bufAt = 0;
    let sinceYield = 0;
    for (;;) {
      if (buf.length - used < chunkBytes / 2) {
        const grown = new Uint8Array(2 * buf.length);
        grown.set(buf.subarray(0, used));
        buf = grown;
      }
      const bytesRead = readSync(fd, buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      const last = buf.lastIndexOf(NL, used + bytesRead - 1);
      used += bytesRead;
      if (last >= 0) {
        onBlock(buf, 0, last + 1, bufAt);
        buf.copyWithin(0, last + 1, used);
        used -= last + 1;
        bufAt += last + 1;
      }
      if ((sinceYield += bytesRead) >= YIELD_BYTES) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (used > 0) onBlock(buf, 0, used, bufAt);
  } finally {
    closeSync(fd);
  }
}

/** How much of a file {@link forEachFileLineBlock} reads between two turns of the event loop. */
const YIELD_BYTES = 32 << 20;

/**
 * Calls `onLine` for each line of a file, read in `chunkBytes` blocks into one buffer (grown only
 * for a line longer than a block).
 */
export function forEachFileByteLine(path: string, onLine: ByteLineHandler, chunkBytes = 4 << 20): Promise<void> {
  return forEachFileLineBlock(path, splitLines(onLine), chunkBytes);
}
