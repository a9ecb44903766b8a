/**
 * Passes a body through while computing its MD5 and counting its bytes, and stops it past a size
 * limit: the archive is checked as it streams, never buffered whole.
 *
 * @module
 */
import { TooLarge } from "./types.ts";

export interface Hashed {
  stream: ReadableStream<Uint8Array>;
  /** Valid once the stream has ended. */
  result(): { size: number; md5: string };
}

export function hashingStream(body: ReadableStream<Uint8Array>, maxBytes: number): Hashed {
  const hasher = new Bun.CryptoHasher("md5");
  let size = 0;
  let md5: string | undefined;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new TooLarge(maxBytes);
        hasher.update(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        md5 = hasher.digest("base64");
      },
    }),
  );
  return {
    stream,
    result: () => {
      if (md5 === undefined) throw new Error("The body has not been read to its end");
      return { size, md5 };
    },
  };
}
