/**
 * Byte-level secret masking for files streamed into the upload archive: every occurrence of a
 * secret becomes as many `*` as it had bytes, whatever the file's size or content (text, NUL bytes,
 * binary formats). Same-length replacement keeps the tar header's size and any offsets inside the
 * file valid, so the archive can be written in one pass. The scanning is the console's masker
 * (src/log/stream-masker.ts), wrapped as a Node transform for `pipeline`.
 *
 * @module
 */
import { Transform, type TransformCallback } from "node:stream";
import { createStreamMasker } from "../log/stream-masker.ts";

/**
 * A transform that masks `secrets` across chunk boundaries.
 *
 * @example
 * ```ts
 * const masker = createMaskStream(["cs-token-0123456789"]);
 * await pipeline(createReadStream(file), masker, entry);
 * console.log(masker.masked); // occurrences replaced
 * ```
 */
export function createMaskStream(secrets: readonly string[]): Transform & { readonly masked: number } {
  const masker = createStreamMasker(secrets, { sameLength: true });
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const out = masker.push(chunk);
      done(null, out.length ? out : undefined);
    },
    flush(done: TransformCallback) {
      const rest = masker.end();
      done(null, rest.length ? rest : undefined);
    },
  });
  return Object.defineProperty(stream, "masked", { get: () => masker.masked }) as Transform & { readonly masked: number };
}
