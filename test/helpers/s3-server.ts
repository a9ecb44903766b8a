/**
 * STAND-IN: an S3-compatible server for the results server's S3 blob store. No real S3 server installs
 * here from Debian or npm, so the tests use `s3rver` (npm, devDependency), a well-known S3 test server:
 * its credentials are S3RVER/S3RVER and it serves path-style URLs (`http://127.0.0.1:PORT/BUCKET/KEY`),
 * which is what Bun's S3Client sends with an explicit endpoint. Tried with Bun 1.x's S3Client (put,
 * multipart writer, stat, list, delete all work): an unknown access key id is refused
 * (`InvalidAccessKeyId`), but a wrong secret was accepted and anonymous GETs are served, so a test
 * against it proves the key id reaches the server, not that the secret is right.
 *
 * It runs as its own Node process (its home runtime) on a loopback port the OS picks, with a temporary
 * directory that `stop()` removes; the test talks to it over real TCP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./pacer.ts";

const BIN = join(ROOT, "node_modules/s3rver/bin/s3rver.js");

export const S3RVER_KEY = "S3RVER";
export const S3RVER_SECRET = "S3RVER";
export const S3RVER_REGION = "us-east-1";

export interface S3Stand {
  endpoint: string;
  bucket: string;
  /** The `--blobs` URL the results server takes for this bucket (see `s3Url`). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Why the stand-in cannot run, or null. */
export function s3Missing(): string | null {
  if (!Bun.which("node")) return "node is not installed (s3rver runs under Node)";
  if (!Bun.file(BIN).size) return `${BIN} is missing (npm ci installs the s3rver devDependency)`;
  return null;
}

export async function startS3(bucket = "pacer-blobs"): Promise<S3Stand> {
  const dir = mkdtempSync(join(tmpdir(), "pacer-s3rver-"));
  const proc = Bun.spawn(["node", BIN, "-d", dir, "-a", "127.0.0.1", "-p", "0", "--no-vhost-buckets", "--configure-bucket", bucket], {
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const reader = proc.stdout.getReader();
  let seen = "";
  const deadline = Date.now() + 30_000;
  let port = 0;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
    const m = /S3rver listening on [^:]+:(\d+)/.exec(seen);
    if (m) {
      port = Number(m[1]);
      break;
    }
  }
  // s3rver logs every request: keep draining so a full pipe never blocks it.
  void (async () => {
    while (!(await reader.read()).done) {}
  })().catch(() => {});
  void new Response(proc.stderr).text();
  if (!port) {
    proc.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`s3rver did not start:\n${seen}`);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: { S3_ACCESS_KEY_ID: S3RVER_KEY, S3_SECRET_ACCESS_KEY: S3RVER_SECRET, S3_REGION: S3RVER_REGION, S3_ENDPOINT: endpoint },
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Bun S3Client on the stand-in's bucket, for assertions the test makes itself. */
export function s3Client(s: S3Stand): Bun.S3Client {
  return new Bun.S3Client({ endpoint: s.endpoint, bucket: s.bucket, accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_SECRET, region: S3RVER_REGION });
}
