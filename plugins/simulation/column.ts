/**
 * A growable column of numbers in one typed array: 4 bytes an int (8 a double), where a JS array
 * holds 8 per element and grows by copies of its own. The columns of a big callgrind parse hold
 * hundreds of thousands of ids, and fresh memory is what such a parse pays most for (a first touch
 * costs ~3 ms per MB on a VM).
 *
 * @module
 */

type Typed = Int32Array | Float64Array;

export class Column<T extends Typed> {
  private data: T;
  private shown: T | undefined;
  /** How many values there are. */
  length = 0;

  constructor(
    private readonly make: (n: number) => T,
    capacity = 256,
  ) {
    this.data = make(capacity);
  }

  /** Appends `v`; returns its index. */
  push(v: number): number {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = v;
    return this.length++;
  }

  /** Value `i` (0 past the end: a fresh column reads as zeros). */
  get(i: number): number {
    return i < this.length ? this.data[i]! : 0;
  }

  /** Sets value `i`, growing the column (with zeros) to reach it. */
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  /** Adds `v` to value `i`, which exists. */
  add(i: number, v: number): void {
    this.data[i]! += v;
  }

  /** The values as one typed array, without a copy: valid until the column grows. */
  values(): T {
    if (this.shown?.length !== this.length) this.shown = this.data.subarray(0, this.length) as T;
    return this.shown;
  }

  private grow(atLeast: number): void {
    let n = Math.max(16, this.data.length * 2);
    while (n < atLeast) n *= 2;
    const data = this.make(n);
    data.set(this.data);
    this.data = data;
    this.shown = undefined;
  }
}

export const intColumn = (capacity?: number) => new Column((n) => new Int32Array(n), capacity);
export const doubleColumn = (capacity?: number) => new Column((n) => new Float64Array(n), capacity);
