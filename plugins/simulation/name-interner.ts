/**
 * Names of a callgrind file by number. With `--compress-strings=no` every `fn=`/`cfn=` line repeats
 * its full name (hundreds of bytes with `--separate-callers`: two thirds of a big file). A name is
 * known by its length and a 64-bit hash of all its bytes ({@link hashName}), so that a name's bytes
 * need not stay in memory to be compared: two different names of a file of 200,000 names agree on
 * both with a probability of about 10⁻⁹. This is a deliberate probabilistic identity. The bytes stay
 * in a {@link NameStore} and are decoded when asked for.
 *
 * @module
 */
import { doubleColumn, intColumn } from "./column.ts";
import { IdIndex } from "./id-index.ts";
import { withoutTopTier } from "./jit-tier.ts";
import { hashHigh, hashName } from "./name-hash.ts";
import { MemoryNames, type NameStore } from "./name-store.ts";

const encoder = new TextEncoder();

export class NameInterner {
  private readonly index = new IdIndex(2048);
  private readonly hashesA = intColumn();
  private readonly hashesB = intColumn();
  private readonly lengths = intColumn();
  /** Handles may be file offsets past 2^31. */
  private readonly handles = doubleColumn();
  /** Names decoded so far (a few hundred of a big file's 80,000). */
  private readonly texts = new Map<number, string>();

  constructor(private readonly store: NameStore = new MemoryNames()) {}

  /** How many names there are (ids are 0 … count - 1). */
  get count(): number {
    return this.lengths.length;
  }

  /** The id of the name in `buf[start, end)`, found at `at` in the parsed stream, adding it on first sight. */
  id(buf: Uint8Array, start: number, end: number, at = 0): number {
    const a = hashName(buf, start, end);
    const b = hashHigh.value;
    const len = end - start;
    const { index, hashesA, hashesB, lengths } = this;
    for (let i = index.first(a); ; i = index.next(i)) {
      const id = index.at(i);
      if (id < 0) {
        hashesA.push(a);
        hashesB.push(b);
        this.handles.push(this.store.keep(buf, start, end, at));
        return index.put(i, lengths.push(len), a);
      }
      if (index.hashAt(i) === a && hashesB.get(id) === b && lengths.get(id) === len) return id;
    }
  }

  /** The id of a name given as a string (names made up by pacer: the empty object name, JIT names from a perf map). */
  idOf(text: string): number {
    const b = encoder.encode(text);
    const id = this.id(b, 0, b.length);
    if (!this.texts.has(id)) this.texts.set(id, text);
    return id;
  }

  /** The name's length in bytes (UTF-8), known without decoding it. */
  byteLength(id: number): number {
    return this.lengths.get(id);
  }

  /** The name's text, decoded (UTF-8) on first use; a name read back from its file is checked against its hashes. */
  text(id: number): string {
    const known = this.texts.get(id);
    if (known !== undefined) return known;
    const bytes = this.store.read(this.handles.get(id), this.lengths.get(id));
    if (hashName(bytes, 0, bytes.length) !== this.hashesA.get(id) || hashHigh.value !== this.hashesB.get(id)) {
      throw new Error(`Cannot read callgrind name ${id} back: the parsed file changed since it was parsed`);
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const text = buffer.toString("utf8");
    this.texts.set(id, text);
    return text;
  }
}

withoutTopTier(NameInterner.prototype.id);
