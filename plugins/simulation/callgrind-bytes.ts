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

/** Whether `c` belongs to a field: neither blank nor the line's end (printable bytes first, they are nearly all). */
function inField(c: number): boolean {
  return c > 32 || (c !== 10 && !isBlank(c));
}

/** The index of the first byte of `buf[from, end)` that is not blank (`end` if none). */
export function skipBlanks(buf: Uint8Array, from: number, end: number): number {
  while (from < end && isBlank(buf[from]!)) from++;
  return from;
}

/** The index just after the field starting at `from` (at the next blank or line end). */
export function fieldEnd(buf: Uint8Array, from: number, end: number): number {
  while (from < end && inField(buf[from]!)) from++;
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

/** Cost lines start with a position: a digit, +, -, * (or 0x for instruction positions). */
export function isCostLineStart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42;
}

/** `Number()` of a field that is not plain decimal digits (a sign, an exponent): rare, kept out of the hot loop. */
function slowFieldValue(buf: Uint8Array, from: number, to: number): number {
  return Number(decoder.decode(buf.subarray(from, to)));
}

/**
 * Adds the cost columns of the cost lines starting at `start` (the fields after each line's
 * `positions` position fields) into `a[ai …]`, `width` columns, in place. Reads one line when `one`,
 * else the run of cost lines up to the first line that is not one; returns the index just after the
 * last line read (after its `\n`, or `end`).
 *
 * This loop is most of a parse, and a parse runs once: it is one flat loop with one branch per byte
 * in the common case (digits, then one space), so that the JIT compiles it quickly and its first,
 * unoptimised passes are cheap too.
 */
export function addCostLines(buf: Uint8Array, start: number, end: number, positions: number, a: Float64Array, ai: number, width: number, one: boolean): number {
  let i = start;
  let skip = positions;
  let j = 0;
  while (i < end) {
    let c = buf[i]!;
    if (c <= 32) {
      if (c === 10) {
        i++;
        if (one || i >= end || !isCostLineStart(buf[i]!)) return i;
        skip = positions;
        j = 0;
        continue;
      }
      if (c === 32 || isBlank(c)) {
        i++;
        continue;
      }
    }
    if (skip > 0 || j >= width) {
      // A position field, or a column past the events: not added. (The field's end is found here,
      // not by a call: a small helper hot in the slow tiers gets compiled again on its own.)
      skip--;
      for (i++; i < end; i++) {
        const d = buf[i]!;
        if (d <= 32 && (d === 10 || d === 32 || isBlank(d))) break;
      }
      continue;
    }
    const from = i;
    // -0 is a double: the compiled loop then works in doubles from the start instead of in int32,
    // which the first cost past 2^31 (nanoseconds of sysTime) would overflow, throwing the compiled
    // code away several times. -0 · 10 + d is d, and -0 + 0 is +0: the value is unchanged.
    let v = -0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      if (++i === end) break;
      c = buf[i]!;
    }
    // The field goes on past its digits (a sign, an exponent): `c` is neither a blank nor the line's end.
    if (i < end && (c > 32 || (c !== 10 && !isBlank(c)))) {
      i = fieldEnd(buf, i, end);
      v = slowFieldValue(buf, from, i);
    }
    if (v !== 0) a[ai + j]! += v;
    j++;
  }
  return end;
}

/** The first field of `buf[start, end)` as a number (`calls=<count> <target>`). */
export function firstValue(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === 32) i++;
  const from = i;
  let v = -0;
  for (; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  // Nearly always: digits up to a space or the end, read in that one loop.
  if (i > from && (i === end || buf[i] === 32)) return v;
  const f = skipBlanks(buf, start, end);
  return fieldValue(buf, f, fieldEnd(buf, f, end));
}

/** Spec keys the parser acts on (`key=` at the start of a line), by their bytes. */
export type Spec = "ob" | "cob" | "fn" | "cfn" | "calls" | "file" | "other";

/** The spec key of `buf[start, eq)`, read from its bytes without making a string. */
export function specOf(buf: Uint8Array, start: number, eq: number): Spec {
  const len = eq - start;
  const c0 = buf[start]!;
  const c1 = buf[start + 1];
  if (len === 2) {
    if (c0 === 111 /* o */ && c1 === 98 /* b */) return "ob";
    if (c0 === 102 /* f */) return c1 === 110 /* n */ ? "fn" : c1 === 108 || c1 === 105 || c1 === 101 /* l i e */ ? "file" : "other";
    return "other";
  }
  if (len === 3 && c0 === 99 /* c */) {
    const c2 = buf[start + 2];
    if (c1 === 102 /* f */) return c2 === 110 ? "cfn" : c2 === 105 || c2 === 108 ? "file" : "other";
    if (c1 === 111 && c2 === 98) return "cob";
    return "other";
  }
  if (len === 5 && c0 === 99 && c1 === 97 && buf[start + 2] === 108 && buf[start + 3] === 108 && buf[start + 4] === 115) return "calls";
  return "other";
}
