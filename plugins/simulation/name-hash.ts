/**
 * A 64-bit hash of a name's bytes, as two 32-bit halves, computed in place: no view object per name
 * and no native call. A big callgrind file hashes 190,000 names (117 MB); a `subarray` and a native
 * hash call per name cost more than the hashing, and the views' garbage grows the heap.
 *
 * Two multiply-rotate lanes over 16 bytes a step; each word reaches both lanes (one through the
 * multiply, the other added), so a name differing from another in a single word differs in both
 * halves. Then murmur3's finaliser on both. Not a cryptographic hash: names are told apart by it
 * (see NameInterner).
 *
 * @module
 */

/** The array last hashed and its view: a parse hashes its names in one reused buffer. */
let lastArray: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
let lastView: DataView<ArrayBufferLike> = new DataView(lastArray.buffer);

/** The second half of the last {@link hashName}. */
export const hashHigh = { value: 0 };

function viewOf(buf: Uint8Array): DataView<ArrayBufferLike> {
  if (buf !== lastArray) {
    lastArray = buf;
    lastView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return lastView;
}

/** Hashes `buf[start, end)`; returns the low half, the high half is in {@link hashHigh}. */
export function hashName(buf: Uint8Array, start: number, end: number): number {
  const dv = viewOf(buf);
  const len = end - start;
  let a = 0x9e3779b9;
  let b = 0x7f4a7c15;
  let i = start;
  // The last step of a name of 16 bytes or more reads its last 16 bytes, overlapping the step
  // before: still only the name's bytes, and no byte loop.
  for (let last = len >= 16 ? end - 16 : -1; i <= last; i = i + 16 > last && i !== last ? last : i + 16) {
    const w0 = dv.getInt32(i, true);
    const w1 = dv.getInt32(i + 4, true);
    const w2 = dv.getInt32(i + 8, true);
    const w3 = dv.getInt32(i + 12, true);
    a = Math.imul(a ^ w0, 0x9e3779b1);
    b = Math.imul(b ^ w1, 0x85ebca77);
    // The added words are rotated, unevenly: a change in one cannot cancel the same change in
    // another, or in the same bytes met again as another word of the next (overlapping) step.
    a = (Math.imul(((a << 13) | (a >>> 19)) ^ w2, 0xc2b2ae3d) + (((w1 << 7) | (w1 >>> 25)) ^ ((w3 << 19) | (w3 >>> 13)))) | 0;
    b = (Math.imul(((b << 11) | (b >>> 21)) ^ w3, 0x27d4eb2f) + (((w0 << 9) | (w0 >>> 23)) ^ ((w2 << 21) | (w2 >>> 11)))) | 0;
  }
  if (len < 16) {
    for (; i < end; i++) {
      const c = dv.getUint8(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
  }
  // The length comes in last, through the multiply: at the start it could cancel a change in the first word.
  a = fmix((a + Math.imul(len, 0x2545f491)) | 0);
  hashHigh.value = fmix((b + a) | 0);
  return a;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
