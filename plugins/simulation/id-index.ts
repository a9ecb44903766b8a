/**
 * An open-addressing hash index of ids (linear probing in one Int32Array, at most half full) whose
 * keys live elsewhere, in the caller's columns: a slot holds only `id + 1`. A big callgrind file
 * looks up 80,000 names, 80,000 functions and 90,000 call edges hundreds of thousands of times; a
 * `Map` keyed by `a · 2^26 + b` hashes each key as a double and keeps an entry object per key, and
 * fresh memory is what such a parse pays most for (a first touch costs ~3 ms per MB on a VM).
 *
 * The caller walks the probe sequence itself, comparing its own keys:
 *
 * @example
 * ```ts
 * for (let i = index.first(h); ; i = index.next(i)) {
 *   const id = index.at(i);
 *   if (id < 0) return index.put(i, newId, hashOf);
 *   if (keyA[id] === a && keyB[id] === b) return id;
 * }
 * ```
 *
 * @module
 */

export class IdIndex {
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity = 1 << 14) {
    let n = 16;
    while (n < 2 * capacity) n *= 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
  }

  /** The first slot to look at for hash `h`. */
  first(h: number): number {
    return mix(h) & this.mask;
  }

  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /** The id in `slot`, -1 when it is empty. */
  at(slot: number): number {
    return this.slots[slot]! - 1;
  }

  /** Puts `id` into the empty `slot` found by a probe; `hashOf` gives any id's hash when the index grows. Returns `id`. */
  put(slot: number, id: number, hashOf: (id: number) => number): number {
    this.slots[slot] = id + 1;
    if (++this.size * 2 > this.mask) this.grow(hashOf);
    return id;
  }

  private grow(hashOf: (id: number) => number): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (let k = 0; k < old.length; k++) {
      const v = old[k]!;
      if (v === 0) continue;
      let i = this.first(hashOf(v - 1));
      while (this.slots[i] !== 0) i = this.next(i);
      this.slots[i] = v;
    }
  }
}

/** Spreads nearby hashes (ids 1, 2, 3…) over the index (murmur3's finaliser). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One 32-bit hash of a pair of ints (for an {@link IdIndex} keyed by two ids). */
export function pairHash(a: number, b: number): number {
  return Math.imul(a, 0x9e3779b1) ^ b;
}
