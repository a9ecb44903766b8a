/**
 * An open-addressing hash index of ids (linear probing, at most half full) whose keys live
 * elsewhere, in the caller's columns: a slot holds the key's 32-bit hash and `id + 1`. A big
 * callgrind file looks up 80,000 names, 80,000 functions and 90,000 call edges hundreds of thousands
 * of times; a `Map` keyed by `a · 2^26 + b` hashes each key as a double and keeps an entry object per
 * key. The stored hash lets a probe skip other keys without reading them, and lets the index grow
 * without asking for any key again.
 *
 * The caller walks the probe sequence itself, comparing its own keys:
 *
 * @example
 * ```ts
 * for (let i = index.first(h); ; i = index.next(i)) {
 *   const id = index.at(i);
 *   if (id < 0) return index.put(i, newId, h);
 *   if (index.hashAt(i) === h && keyA[id] === a && keyB[id] === b) return id;
 * }
 * ```
 *
 * @module
 */

import { withoutTopTier } from "./jit-tier.ts";

export class IdIndex {
  /** Two ints per slot: the hash, then the id + 1 (0: empty). */
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  constructor(capacity = 512) {
    let n = 16;
    while (n < 2 * capacity) n *= 2;
    this.slots = new Int32Array(2 * n);
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
    return this.slots[2 * slot + 1]! - 1;
  }

  /** The hash of the key in `slot`. */
  hashAt(slot: number): number {
    return this.slots[2 * slot]!;
  }

  /** Puts `id`, of a key hashing to `h`, into the empty `slot` found by a probe. Returns `id`. */
  put(slot: number, id: number, h: number): number {
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = id + 1;
    if (++this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === 0) continue;
      const h = old[k]!;
      let i = mix(h) & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = h;
      slots[2 * i + 1] = old[k + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

withoutTopTier(IdIndex.prototype.put, IdIndex.prototype["grow"]);

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
