/**
 * Where archives live: a directory by default, an S3-compatible bucket at scale. Bodies stream in
 * and out; no archive is ever held whole in memory.
 *
 * @module
 */

/** The body's MD5 differs from the one the metadata announced: nothing was kept. */
export class ChecksumMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`Content MD5 mismatch: the metadata announced "${expected}", the body has "${actual}"`);
    this.name = "ChecksumMismatch";
  }
}

/** The body is larger than the server accepts: nothing was kept. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Archive larger than the server accepts (${limit} bytes)`);
    this.name = "TooLarge";
  }
}

export interface StoredBlob {
  size: number;
  /** Standard base64 MD5 of the bytes, as `Content-MD5`. */
  md5: string;
}

export interface BlobStore {
  /** Streams `body` to `key`; the object appears only when its MD5 is `expectedMd5` (else ChecksumMismatch). */
  put(key: string, body: ReadableStream<Uint8Array>, expectedMd5: string, maxBytes: number): Promise<StoredBlob>;
  /** Streams the object back. */
  get(key: string): Promise<ReadableStream<Uint8Array>>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Where it stores, for logs (no credentials). */
  describe(): string;
}
