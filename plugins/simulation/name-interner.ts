/**
 * Names of a callgrind file by number. With `--compress-strings=no` every `fn=`/`cfn=` line repeats
 * its full name (hundreds of bytes with `--separate-callers`). A name is known by its length and 96
 * bits of two native hashes of all its bytes (64-bit wyhash, CRC-32), so that a name's bytes need not
 * stay in memory to be compared: two different names of a file of 80,000 agree on all of them with a
 * probability of about 10⁻²⁰. The bytes stay in a {@link NameStore} and are decoded when asked for.
 *
 * @module
 */
import { MemoryNames, type NameStore } from "./name-store.ts";

/** The low 53 bits of the wyhash are a map key (an exact double); the high 11 bits are checked. */
const LOW = (1n << 53n) - 1n;
const encoder = new TextEncoder();

export class NameInterner {
  /** Low 53 bits of the hash → first id with them; `next[id]` chains the other ids with the same bits. */
  private readonly byKey = new Map<number, number>();
  private readonly next: number[] = [];
  private readonly keys: number[] = [];
  private readonly highs: number[] = [];
  private readonly crcs: number[] = [];
  private readonly lengths: number[] = [];
  private readonly handles: number[] = [];
  private readonly texts: (string | undefined)[] = [];

  constructor(private readonly store: NameStore = new MemoryNames()) {}

  /** How many names there are (ids are 0 … count - 1). */
  get count(): number {
    return this.lengths.length;
  }

  /** The id of the name in `buf[start, end)`, found at `at` in the parsed stream, adding it on first sight. */
  id(buf: Uint8Array, start: number, end: number, at = 0): number {
    const bytes = buf.subarray(start, end);
    const h = Bun.hash.wyhash(bytes, 0n);
    const key = Number(h & LOW);
    const high = Number(h >> 53n);
    const crc = Bun.hash.crc32(bytes);
    const len = end - start;
    const first = this.byKey.get(key);
    for (let id = first ?? -1; id >= 0; id = this.next[id]!) {
      if (this.lengths[id] === len && this.crcs[id] === crc && this.highs[id] === high) return id;
    }
    this.byKey.set(key, this.count);
    this.next.push(first ?? -1);
    this.keys.push(key);
    this.highs.push(high);
    this.crcs.push(crc);
    this.lengths.push(len);
    this.handles.push(this.store.keep(buf, start, end, at));
    this.texts.push(undefined);
    return this.count - 1;
  }

  /** The id of a name given as a string (names made up by pacer: the empty object name, JIT names from a perf map). */
  idOf(text: string): number {
    const b = encoder.encode(text);
    const id = this.id(b, 0, b.length);
    this.texts[id] ??= text;
    return id;
  }

  /** The name's length in bytes (UTF-8), known without decoding it. */
  byteLength(id: number): number {
    return this.lengths[id]!;
  }

  /** The name's text, decoded (UTF-8) on first use; a name read back from its file is checked against its hash. */
  text(id: number): string {
    const known = this.texts[id];
    if (known !== undefined) return known;
    const bytes = this.store.read(this.handles[id]!, this.lengths[id]!);
    const h = Bun.hash.wyhash(bytes, 0n);
    if (Number(h & LOW) !== this.keys[id] || Number(h >> 53n) !== this.highs[id]) {
      throw new Error(`Cannot read callgrind name ${id} back: the parsed file changed since it was parsed`);
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const text = buffer.toString("utf8");
    this.texts[id] = text;
    return text;
  }
}
