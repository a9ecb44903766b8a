/** Opens the blob store a `--blobs` URL names (`file:///dir` or `s3://bucket/prefix`). @module */
import type { BlobStore } from "./types.ts";

export async function openBlobStore(url: string, env: NodeJS.ProcessEnv = process.env): Promise<BlobStore> {
  if (url.startsWith("s3://")) {
    const { S3BlobStore, parseS3Url } = await import("./s3-store.ts");
    return new S3BlobStore(parseS3Url(url, env), env);
  }
  const { DirBlobStore } = await import("./dir-store.ts");
  return new DirBlobStore(new URL(url).pathname);
}
