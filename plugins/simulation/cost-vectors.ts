/**
 * Numbered cost vectors (`width` numbers each, one per event), kept packed: only a vector's non-zero
 * columns are stored, one after the other, with a bit mask saying which they are. In a big callgrind
 * file two thirds of the columns are 0 (cache misses and system time are for few functions), and
 * fresh memory is what a parse of such a file pays most for (a first touch costs ~3 ms per MB on a
 * VM): 268,000 vectors of 12 events take ~10 MB packed, 26 MB as plain arrays of doubles.
 *
 * Vectors are added to a whole vector at a time ({@link addInto}); a parser sums a function's lines
 * into a plain scratch vector first.
 *
 * @module
 */
import { doubleColumn, intColumn } from "./column.ts";
import { withoutTopTier } from "./jit-tier.ts";

/** Widths up to this use a mask; a wider vector is stored whole. */
const MASK_BITS = 31;

export class CostVectors {
  /** Where each vector's stored columns start in {@link values}. */
  private readonly starts = intColumn();
  /** Bit j: column j is stored. With `width` > {@link MASK_BITS}: 1 once the vector is stored whole. */
  private readonly masks = intColumn();
  private readonly values = doubleColumn();
  private readonly whole: boolean;

  constructor(readonly width: number) {
    this.whole = width > MASK_BITS;
  }

  /** How many vectors there are. */
  get count(): number {
    return this.starts.length;
  }

  /** Adds a vector of zeros; returns its number. */
  add(): number {
    this.masks.push(0);
    return this.starts.push(0);
  }

  /** Column `j` of vector `i`. */
  at(i: number, j: number): number {
    const m = this.masks.get(i);
    if (this.whole) return m === 0 ? 0 : this.values.get(this.starts.get(i) + j);
    if ((m & (1 << j)) === 0) return 0;
    return this.values.get(this.starts.get(i) + bitCount(m & ((1 << j) - 1)));
  }

  /** Vector `i` as a plain array (what results and JSON hold). */
  vector(i: number): number[] {
    const out = new Array<number>(this.width).fill(0);
    this.addTo(i, out);
    return out;
  }

  /** Adds vector `i` into `out[at …]` (`width` numbers). */
  addTo(i: number, out: { [j: number]: number }, at = 0): void {
    const m = this.masks.get(i);
    let from = this.starts.get(i);
    for (let j = 0; j < this.width; j++) if (this.whole ? m !== 0 : (m & (1 << j)) !== 0) out[at + j]! += this.values.get(from++);
  }

  /** Adds `values[from …]` (aligned with the columns; missing ones are 0) into vector `i`. */
  addInto(i: number, values: ArrayLike<number>, from = 0): void {
    const n = Math.min(this.width, values.length - from);
    const m = this.masks.get(i);
    if (this.whole) {
      if (m === 0) {
        this.starts.set(i, this.values.length);
        this.masks.set(i, 1);
        for (let j = 0; j < this.width; j++) this.values.push(j < n ? values[from + j]! : 0);
      } else for (let j = 0; j < n; j++) this.values.add(this.starts.get(i) + j, values[from + j]!);
      return;
    }
    let used = 0;
    for (let j = 0; j < n; j++) if (values[from + j] !== 0) used |= 1 << j;
    if (used === 0) return;
    if ((used & ~m) === 0) {
      // Every non-zero column is stored already: add in place.
      let at = this.starts.get(i);
      for (let j = 0; j < this.width; j++) {
        if ((m & (1 << j)) === 0) continue;
        if (j < n) this.values.add(at, values[from + j]!);
        at++;
      }
      return;
    }
    // New columns: the vector is stored again, with them (its old place is left unused).
    const mask = m | used;
    const start = this.values.length;
    let old = this.starts.get(i);
    for (let j = 0; j < this.width; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const before = (m & (1 << j)) !== 0 ? this.values.get(old++) : 0;
      this.values.push(before + (j < n ? values[from + j]! : 0));
    }
    this.starts.set(i, start);
    this.masks.set(i, mask);
  }
}

/** The number of bits set in a 32-bit integer. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

withoutTopTier(CostVectors.prototype.addInto);
