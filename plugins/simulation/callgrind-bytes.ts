/**
 * Reading the fields of a callgrind line straight from its bytes: cost columns are added into the
 * accumulators as they are read, so a cost line allocates nothing.
 *
 * @module
 */

const decoder = new TextDecoder();

/** Whitespace between fields: space, tab, and the `\r` of a CRLF file. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/** The index of the first byte of `buf[from, end)` that is not blank (`end` if none). */
export function skipBlanks(buf: Uint8Array, from: number, end: number): number {
  while (from < end && isBlank(buf[from]!)) from++;
  return from;
}

/** The index just after the field starting at `from`. */
export function fieldEnd(buf: Uint8Array, from: number, end: number): number {
  while (from < end && !isBlank(buf[from]!)) from++;
  return from;
}

/** The value of the field `buf[from, to)`: decimal digits read in place, anything else as `Number()` reads it. */
export function fieldValue(buf: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return Number(decoder.decode(buf.subarray(from, to)));
    v = v * 10 + d;
  }
  return v;
}

/**
 * Adds the cost columns of a cost line (the fields after its `positions` position fields) into `a`
 * and, when given, `b`, column by column, in place.
 */
export function addCosts(buf: Uint8Array, start: number, end: number, positions: number, a: number[], b?: number[]): void {
  let i = start;
  for (let p = 0; p < positions; p++) i = fieldEnd(buf, skipBlanks(buf, i, end), end);
  const width = a.length;
  for (let j = 0; j < width; j++) {
    i = skipBlanks(buf, i, end);
    if (i >= end) return;
    const to = fieldEnd(buf, i, end);
    const v = fieldValue(buf, i, to);
    i = to;
    if (v === 0) continue;
    a[j]! += v;
    if (b) b[j]! += v;
  }
}

/** The first field of `buf[start, end)` as a number (`calls=<count> <target>`). */
export function firstValue(buf: Uint8Array, start: number, end: number): number {
  const from = skipBlanks(buf, start, end);
  return fieldValue(buf, from, fieldEnd(buf, from, end));
}
