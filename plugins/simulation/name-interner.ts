/**
 * Names of a callgrind file by number. With `--compress-strings=no` every `fn=`/`cfn=` line repeats
 * its full name (hundreds of bytes with `--separate-callers`); hashing a sample of the bytes and
 * comparing them with the stored copy finds the id without decoding or allocating per line.
 *
 * @module
 */

/** A hash of the length, about 32 spread bytes and the last 16: two passes over every name would cost more than the rare collision. */
function sampleHash(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  let h = Math.imul(0x811c9dc5 ^ len, 0x01000193);
  const step = len > 64 ? len >> 5 : 1;
  for (let i = start; i < end; i += step) h = Math.imul(h ^ buf[i]!, 0x01000193);
  for (let i = Math.max(start, end - 16); i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

export class NameInterner {
  /** Id → name. */
  readonly names: string[] = [];
  /** The bytes of every name, back to back: compared natively (`Buffer.compare`), one allocation for all. */
  private arena = Buffer.allocUnsafe(1 << 22);
  private arenaUsed = 0;
  private readonly offsets: number[] = [];
  /** Hash → first id with that hash; `next[id]` chains the other ids with the same hash. */
  private readonly byHash = new Map<number, number>();
  private readonly next: number[] = [];

  /** The id of the name in `buf[start, end)`, adding it on first sight. */
  id(buf: Uint8Array, start: number, end: number): number {
    const h = sampleHash(buf, start, end);
    const len = end - start;
    const first = this.byHash.get(h);
    for (let id = first ?? -1; id >= 0; id = this.next[id]!) {
      const off = this.offsets[id]!;
      if (this.offsets[id + 1]! - off === len && this.arena.compare(buf, start, end, off, off + len) === 0) return id;
    }
    return this.add(buf, start, end, h, first ?? -1);
  }

  private add(buf: Uint8Array, start: number, end: number, h: number, next: number): number {
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.arena.length, this.arenaUsed + len));
      this.arena.copy(grown, 0, 0, this.arenaUsed);
      this.arena = grown;
    }
    const off = this.arenaUsed;
    this.arena.set(buf.subarray(start, end), off);
    this.arenaUsed += len;
    if (this.offsets.length === 0) this.offsets.push(0);
    this.offsets.push(this.arenaUsed);
    let ascii = true;
    for (let i = start; i < end; i++) if (buf[i]! > 127) { ascii = false; break; }
    // latin1 is the fast decoder and exact for ASCII, which nearly every symbol is.
    this.names.push(this.arena.toString(ascii ? "latin1" : "utf8", off, off + len));
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
