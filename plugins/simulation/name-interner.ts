/**
 * Names of a callgrind file by number. With `--compress-strings=no` every `fn=`/`cfn=` line repeats
 * its full name (hundreds of bytes with `--separate-callers`); hashing a sample of the bytes and
 * comparing them with the stored name finds the id without decoding or allocating per line.
 *
 * @module
 */
import { isAscii } from "node:buffer";

/** A hash of the length, about 32 spread bytes and the last 16: two passes over every name would cost more than the rare collision. */
function sampleHash(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  let h = Math.imul(0x811c9dc5 ^ len, 0x01000193);
  const step = len > 64 ? len >> 5 : 1;
  for (let i = start; i < end; i += step) h = Math.imul(h ^ buf[i]!, 0x01000193);
  for (let i = Math.max(start, end - 16); i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

/**
 * Buffer's undocumented per-encoding methods (Node and Bun both have them): `toString(enc, …)`
 * looks the encoding up on every call, which shows at 80,000 names.
 */
interface RawBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
  latin1Write(s: string, offset: number, length: number): number;
}

/** `buf` as a Buffer over the same memory, for the native latin1 and compare methods. */
function bufferOf(buf: Uint8Array): RawBuffer {
  return (Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)) as RawBuffer;
}

export class NameInterner {
  /** Id → name. */
  readonly names: string[] = [];
  /**
   * The bytes of the non-ASCII names; an ASCII name is its own latin1 string, so it is not kept twice.
   * Fresh memory is what costs (page faults on a VM: ~4 ms per MB), so the names are stored once.
   */
  private readonly bytes: (Uint8Array | undefined)[] = [];
  /** Where an ASCII name is written back to be compared natively; grown for the longest name. */
  private scratch = bufferOf(Buffer.allocUnsafe(4096));
  /** Hash → first id with that hash; `next[id]` chains the other ids with the same hash. */
  private readonly byHash = new Map<number, number>();
  private readonly next: number[] = [];
  private view = bufferOf(Buffer.alloc(0));
  private viewOf: Uint8Array | undefined;

  /** The id of the name in `buf[start, end)`, adding it on first sight. */
  id(buf: Uint8Array, start: number, end: number): number {
    if (buf !== this.viewOf) {
      this.view = bufferOf(buf);
      this.viewOf = buf;
    }
    const h = sampleHash(buf, start, end);
    const len = end - start;
    const first = this.byHash.get(h);
    for (let id = first ?? -1; id >= 0; id = this.next[id]!) if (this.equals(id, start, end, len)) return id;
    return this.add(start, end, h, first ?? -1);
  }

  private equals(id: number, start: number, end: number, len: number): boolean {
    const bytes = this.bytes[id];
    if (bytes) return bytes.length === len && this.view.compare(bytes, 0, len, start, end) === 0;
    const name = this.names[id]!;
    if (name.length !== len) return false;
    if (this.scratch.length < len) this.scratch = bufferOf(Buffer.allocUnsafe(2 * len));
    this.scratch.latin1Write(name, 0, len);
    return this.view.compare(this.scratch, 0, len, start, end) === 0;
  }

  private add(start: number, end: number, h: number, next: number): number {
    const view = this.view;
    // latin1 is the fast decoder and exact for ASCII, which nearly every symbol is.
    if (isAscii(view.subarray(start, end))) {
      this.names.push(view.latin1Slice(start, end));
      this.bytes.push(undefined);
    } else {
      this.names.push(view.utf8Slice(start, end));
      // A copy: `buf` is the reader's reused block.
      this.bytes.push(Uint8Array.prototype.slice.call(view, start, end));
    }
    const id = this.names.length - 1;
    this.next.push(next);
    this.byHash.set(h, id);
    return id;
  }

  /** The id of a name given as a string (names made up by the parser, e.g. the empty object name). */
  idOf(name: string): number {
    const b = new TextEncoder().encode(name);
    return this.id(b, 0, b.length);
  }
}
