/**
 * Archives in an S3-compatible bucket through Bun's S3 client. The body streams to a multipart
 * upload at a temporary key while its MD5 is computed, and is copied to its final key only when
 * the MD5 matches (S3 has no rename), so readers never see a wrong or partial archive.
 * Credentials come from the environment (`S3_ACCESS_KEY_ID`/`S3_SECRET_ACCESS_KEY` or the `AWS_`
 * names), never from the URL, so they cannot end up in a log line or a process list.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { S3Client } from "bun";
import { hashingStream } from "./hashing-stream.ts";
import { ChecksumMismatch, type BlobStore, type StoredBlob } from "./types.ts";

export interface S3Location {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region?: string;
}

/** `s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1`. */
export function parseS3Url(url: string, env: NodeJS.ProcessEnv = process.env): S3Location {
  const u = new URL(url);
  if (u.username || u.password) throw new Error("Put the S3 credentials in S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, not in the --blobs URL");
  const endpoint = u.searchParams.get("endpoint") ?? env.S3_ENDPOINT ?? env.AWS_ENDPOINT_URL ?? undefined;
  const region = u.searchParams.get("region") ?? env.S3_REGION ?? env.AWS_REGION ?? undefined;
  return { bucket: u.hostname, prefix: u.pathname.replace(/^\/+|\/+$/g, ""), ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) };
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly loc: S3Location, env: NodeJS.ProcessEnv = process.env) {
    this.client = new S3Client({
      bucket: loc.bucket,
      ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
      ...(loc.region ? { region: loc.region } : {}),
      accessKeyId: env.S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY,
      ...(env.S3_SESSION_TOKEN ?? env.AWS_SESSION_TOKEN ? { sessionToken: env.S3_SESSION_TOKEN ?? env.AWS_SESSION_TOKEN } : {}),
    });
  }

  private key(key: string): string {
    return this.loc.prefix ? `${this.loc.prefix}/${key}` : key;
  }

  async put(key: string, body: ReadableStream<Uint8Array>, expectedMd5: string, maxBytes: number): Promise<StoredBlob> {
    const temp = this.client.file(this.key(`tmp/${key}.${randomBytes(6).toString("hex")}`));
    const hashed = hashingStream(body, maxBytes);
    // 8 MiB parts, 2 in flight: memory per upload stays bounded whatever the archive size.
    const writer = temp.writer({ partSize: 8 * 2 ** 20, queueSize: 2, type: "application/x-tar" });
    try {
      const reader = hashed.stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
      await writer.end();
      const got = hashed.result();
      if (got.md5 !== expectedMd5) throw new ChecksumMismatch(expectedMd5, got.md5);
      await this.copy(temp, this.client.file(this.key(key)));
      return got;
    } catch (err) {
      await Promise.resolve(writer.end()).catch(() => {});
      throw err;
    } finally {
      await temp.delete().catch(() => {});
    }
  }

  /** Streams the temporary object to its final key (a server-side copy is not in Bun's client). */
  private async copy(from: ReturnType<S3Client["file"]>, to: ReturnType<S3Client["file"]>): Promise<void> {
    const writer = to.writer({ partSize: 8 * 2 ** 20, queueSize: 2, type: "application/x-tar" });
    const reader = from.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writer.write(value);
    }
    await writer.end();
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    return this.client.file(this.key(key)).stream();
  }

  async exists(key: string): Promise<boolean> {
    return this.client.file(this.key(key)).exists();
  }

  async delete(key: string): Promise<void> {
    await this.client.file(this.key(key)).delete();
  }

  describe(): string {
    return `s3://${this.loc.bucket}/${this.loc.prefix}${this.loc.endpoint ? ` at ${this.loc.endpoint}` : ""}`;
  }
}
