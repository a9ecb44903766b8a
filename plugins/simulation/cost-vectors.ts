/**
 * Numbered cost vectors (`width` doubles each, one per event) in fixed chunks of Float64Array: adding
 * a vector never copies the others, and memory is only touched as vectors are added. Fresh memory is
 * what a parse of a big file pays for (page faults on a VM: ~4 ms per MB), so a 268,000-vector result
 * is 3 typed arrays of chunks, not 268,000 arrays.
 *
 * @module
 */

/** Vectors per chunk: 4096 · 12 events · 8 bytes = 384 KiB, the memory one chunk adds at a time. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

export class CostVectors {
  private readonly chunks: Float64Array[] = [];
  /** How many vectors there are. */
  count = 0;

  constructor(readonly width: number) {}

  /** Adds a vector of zeros; returns its number. */
  add(): number {
    if ((this.count & (CHUNK - 1)) === 0) this.chunks.push(new Float64Array(CHUNK * this.width));
    return this.count++;
  }

  /** The chunk holding vector `i`; its columns start at {@link offset}`(i)`. */
  chunk(i: number): Float64Array {
    return this.chunks[i >> CHUNK_BITS]!;
  }

  offset(i: number): number {
    return (i & (CHUNK - 1)) * this.width;
  }

  /** Column `j` of vector `i`. */
  at(i: number, j: number): number {
    return this.chunks[i >> CHUNK_BITS]![(i & (CHUNK - 1)) * this.width + j]!;
  }

  /** Vector `i` in place (no copy): valid as long as this holds it. */
  view(i: number): Float64Array {
    const at = this.offset(i);
    return this.chunk(i).subarray(at, at + this.width);
  }

  /** Vector `i` as a plain array (what results and JSON hold). */
  vector(i: number): number[] {
    return Array.from(this.view(i));
  }

  /** Adds `values` (aligned with the columns; missing ones are 0) into vector `i`. */
  addInto(i: number, values: ArrayLike<number>): void {
    const chunk = this.chunk(i);
    const at = this.offset(i);
    for (let j = 0; j < this.width && j < values.length; j++) chunk[at + j]! += values[j]!;
  }
}
