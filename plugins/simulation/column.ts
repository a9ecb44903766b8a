/**
 * A growable column of numbers in fixed chunks of typed arrays: 4 bytes an int (8 a double), where
 * a JS array holds 8 per element, and growing never copies. The columns of a big callgrind parse
 * hold hundreds of thousands of ids, and fresh memory is what such a parse pays most for (a first
 * touch costs ~3 ms per MB on a VM): a column touches only the memory its values use.
 *
 * @module
 */

/** Values per chunk: 16,384 (64 KiB of ints). */
const BITS = 14;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
/** The first chunk starts this small and doubles up to {@link SIZE}: a small file's many columns stay small. */
const FIRST = 256;

type Typed = Int32Array | Float64Array;

export class Column<T extends Typed> {
  private readonly chunks: T[] = [];
  /** How many values there are. */
  length = 0;
  /** How many fit before the column must grow. */
  private capacity = 0;

  constructor(private readonly make: (n: number) => T) {}

  /** Appends `v`; returns its index. */
  push(v: number): number {
    const i = this.length;
    if (i === this.capacity) this.grow();
    this.chunks[i >> BITS]![i & MASK] = v;
    return this.length++;
  }

  /** Value `i` (0 past the end: a fresh column reads as zeros). */
  get(i: number): number {
    return i < this.length ? this.chunks[i >> BITS]![i & MASK]! : 0;
  }

  /** Sets value `i`, growing the column (with zeros) to reach it. */
  set(i: number, v: number): void {
    while (i >= this.capacity) this.grow();
    this.chunks[i >> BITS]![i & MASK] = v;
    if (i >= this.length) this.length = i + 1;
  }

  /** Adds `v` to value `i`, which exists. */
  add(i: number, v: number): void {
    this.chunks[i >> BITS]![i & MASK]! += v;
  }

  /** Doubles the first chunk while it is small (a copy of at most half a chunk), then adds whole chunks. */
  private grow(): void {
    const first = this.chunks[0];
    if (!first) this.chunks.push(this.make(FIRST));
    else if (first.length < SIZE) {
      const bigger = this.make(first.length * 2);
      bigger.set(first);
      this.chunks[0] = bigger;
    } else this.chunks.push(this.make(SIZE));
    this.capacity = (this.chunks.length - 1) * SIZE + this.chunks[this.chunks.length - 1]!.length;
  }
}

export const intColumn = () => new Column((n) => new Int32Array(n));
export const doubleColumn = () => new Column((n) => new Float64Array(n));
