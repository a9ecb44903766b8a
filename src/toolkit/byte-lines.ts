/**
 * Line splitting without strings: hands each line to the callback as a byte range of a reused
 * buffer, for parsers of files of hundreds of megabytes (callgrind) that would spend more time
 * decoding and allocating line strings than parsing. Memory is one read buffer plus the longest
 * line, whatever the file size.
 *
 * @module
 */
import { open } from "node:fs/promises";

/** Receives `buf[start, end)`: one line without its `\n`. The bytes are only valid during the call. */
export type ByteLineHandler = (buf: Uint8Array, start: number, end: number) => void;

const NL = 10;
const encoder = new TextEncoder();

/** Calls `onLine` for each complete line of `buf[0, end)`; returns where the unfinished last line starts. */
function completeLines(buf: Uint8Array, end: number, onLine: ByteLineHandler): number {
  const view = end === buf.length ? buf : buf.subarray(0, end);
  let from = 0;
  for (let nl = view.indexOf(NL, from); nl >= 0; nl = view.indexOf(NL, from)) {
    onLine(view, from, nl);
    from = nl + 1;
  }
  return from;
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
export async function forEachByteLine(input: AsyncIterable<Uint8Array | string>, onLine: ByteLineHandler): Promise<void> {
  let buf = new Uint8Array(0);
  let used = 0;
  for await (const raw of input) {
    const chunk = typeof raw === "string" ? encoder.encode(raw) : raw;
    if (used === 0) {
      // No partial line waiting: split the chunk where it lies, copy only its unfinished tail.
      const from = completeLines(chunk, chunk.length, onLine);
      if (from < chunk.length) {
        if (buf.length < chunk.length - from) buf = new Uint8Array(Math.max(64 * 1024, 2 * (chunk.length - from)));
        buf.set(chunk.subarray(from));
        used = chunk.length - from;
      }
      continue;
    }
    if (buf.length < used + chunk.length) {
      const grown = new Uint8Array(2 * (used + chunk.length));
      grown.set(buf.subarray(0, used));
      buf = grown;
    }
    buf.set(chunk, used);
    used += chunk.length;
    const from = completeLines(buf, used, onLine);
    buf.copyWithin(0, from, used);
    used -= from;
  }
  if (used > 0) onLine(buf, 0, used);
}

/**
 * Calls `onLine` for each line of a file, read in `chunkBytes` blocks into one buffer (grown only
 * for a line longer than a block).
 */
export async function forEachFileByteLine(path: string, onLine: ByteLineHandler, chunkBytes = 4 << 20): Promise<void> {
  const fh = await open(path, "r");
  try {
    let buf = new Uint8Array(chunkBytes);
    let used = 0;
    for (;;) {
      if (buf.length - used < chunkBytes / 2) {
        const grown = new Uint8Array(2 * buf.length);
        grown.set(buf.subarray(0, used));
        buf = grown;
      }
      const { bytesRead } = await fh.read(buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      used += bytesRead;
      const from = completeLines(buf, used, onLine);
      buf.copyWithin(0, from, used);
      used -= from;
    }
    if (used > 0) onLine(buf, 0, used);
  } finally {
    await fh.close();
  }
}
