/**
 * Byte-level secret masking for files streamed into the upload archive: every occurrence of a
 * secret becomes as many `*` as it had bytes, whatever the file's size or content (text, NUL bytes,
 * binary formats). Same-length replacement keeps the tar header's size and any offsets inside the
 * file valid, so the archive can be written in one pass.
 *
 * @module
 */
import { Transform, type TransformCallback } from "node:stream";

const STAR = 0x2a;

/** Masks every secret inside `buf` in place; returns how many occurrences were masked. */
export function maskInPlace(buf: Buffer, secrets: readonly Buffer[]): number {
  let count = 0;
  for (const s of secrets) {
    for (let at = buf.indexOf(s); at !== -1; at = buf.indexOf(s, at + s.length)) {
      buf.fill(STAR, at, at + s.length);
      count++;
    }
  }
  return count;
}

/**
 * A transform that masks `secrets` across chunk boundaries: it holds back the last
 * `longest - 1` bytes of what it has seen, since a secret may start there and end in the next chunk.
 *
 * @example
 * ```ts
 * const masker = createMaskStream(["cs-token-0123456789"]);
 * await pipeline(createReadStream(file), masker, entry);
 * console.log(masker.masked); // occurrences replaced
 * ```
 */
export function createMaskStream(secrets: readonly string[]): Transform & { readonly masked: number } {
  const needles = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s, "utf8"));
  const keep = Math.max(0, ...needles.map((n) => n.length)) - 1;
  let carry = Buffer.alloc(0);
  let masked = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!needles.length) return done(null, chunk);
      // A copy: the source's buffer is never written to.
      const buf = Buffer.concat([carry, chunk]);
      masked += maskInPlace(buf, needles);
      const cut = Math.max(0, buf.length - keep);
      carry = buf.subarray(cut);
      done(null, cut > 0 ? buf.subarray(0, cut) : undefined);
    },
    flush(done: TransformCallback) {
      done(null, carry.length ? carry : undefined);
    },
  });
  return Object.defineProperty(stream, "masked", { get: () => masked }) as Transform & { readonly masked: number };
}
