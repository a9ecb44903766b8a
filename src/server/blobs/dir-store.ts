/**
 * Archives as files under a directory (the default: `<data-dir>/blobs`). A body is written to a
 * temporary file beside its final name and renamed into place only when its MD5 matches, so a
 * reader never sees half an archive and a killed upload leaves no object behind.
 *
 * @module
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import { hashingStream } from "./hashing-stream.ts";
import { ChecksumMismatch, type BlobStore, type StoredBlob } from "./types.ts";

export class DirBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
  }

  /** Keys are the server's own (`archives/<ids>`); anything that would leave the root is refused. */
  private path(key: string): string {
    const p = resolve(this.root, key);
    if (!p.startsWith(this.root + sep) || key.includes("\0")) throw new Error(`Invalid blob key "${key}"`);
    return p;
  }

  async put(key: string, body: ReadableStream<Uint8Array>, expectedMd5: string, maxBytes: number): Promise<StoredBlob> {
    const final = this.path(key);
    mkdirSync(dirname(final), { recursive: true, mode: 0o700 });
    const temp = `${final}.${randomBytes(6).toString("hex")}.partial`;
    const hashed = hashingStream(body, maxBytes);
    try {
      await hashed.stream.pipeTo(Writable.toWeb(createWriteStream(temp, { flags: "wx", mode: 0o600 })));
      const got = hashed.result();
      if (got.md5 !== expectedMd5) throw new ChecksumMismatch(expectedMd5, got.md5);
      renameSync(temp, final);
      return got;
    } finally {
      rmSync(temp, { force: true });
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    return Readable.toWeb(createReadStream(this.path(key))) as ReadableStream<Uint8Array>;
  }

  async exists(key: string): Promise<boolean> {
    return existsSync(this.path(key));
  }

  async delete(key: string): Promise<void> {
    rmSync(this.path(key), { force: true });
  }

  describe(): string {
    return join(this.root);
  }
}
