/**
 * Incremental splitter of the FIFO byte stream into frames (`u32` LE length + payload). Reads from a
 * pipe return whatever is there: a lone length prefix (the CodSpeed client writes prefix and payload
 * with two `write()`s), half a payload, or many frames at once.
 *
 * @module
 */
import { PacerError } from "../errors.ts";

/** Frames longer than this mean the stream is out of sync (real ones are a few hundred bytes). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Collects chunks and hands out complete frame payloads, in order.
 *
 * @example
 * ```ts
 * const d = new FrameDecoder();
 * d.push(new Uint8Array([4, 0, 0, 0]));       // []
 * d.push(new Uint8Array([3, 0, 0, 0]));       // [Uint8Array [3, 0, 0, 0]]
 * ```
 */
export class FrameDecoder {
  private buf = new Uint8Array(0);
  private broken: PacerError | undefined;

  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  /** Bytes received but not yet part of a complete frame. */
  get pending(): number {
    return this.buf.length;
  }

  /**
   * Adds a chunk and returns every frame it completes (payloads only, copied).
   *
   * @throws {PacerError} `E_PROTOCOL` when a length prefix exceeds the limit; there is no way to find
   * the next frame boundary after that, so every later push throws the same error.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.broken) throw this.broken;
    const buf = this.buf.length ? concat(this.buf, chunk) : chunk;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (buf.length - at >= 4) {
      const len = view.getUint32(at, true);
      if (len > this.maxFrameBytes) {
        this.broken = new PacerError(
          "E_PROTOCOL",
          `FIFO frame length ${len} exceeds the ${this.maxFrameBytes}-byte limit: the stream is out of sync`,
          { hint: "Another program may be writing to the runner FIFOs; make sure only one benchmark run uses them" },
        );
        this.buf = new Uint8Array(0);
        throw this.broken;
      }
      if (buf.length - at - 4 < len) break;
      frames.push(buf.slice(at + 4, at + 4 + len));
      at += 4 + len;
    }
    // Copy the tail: `chunk` may be a view the reader reuses.
    this.buf = buf.slice(at);
    return frames;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
