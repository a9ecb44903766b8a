/**
 * The two blob stores with real bytes: the directory store, and the S3 store through Bun's S3
 * client against s3rver (STAND-IN: a well-known S3-compatible test server from npm; no real S3
 * installs here). Bodies stream in with their MD5 checked; a mismatch or an oversize body leaves
 * no object behind.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { DirBlobStore } from "../../src/server/blobs/dir-store.ts";
import { S3BlobStore } from "../../src/server/blobs/s3-store.ts";
import { ChecksumMismatch, TooLarge, type BlobStore } from "../../src/server/blobs/types.ts";

const S3_ENV = { S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" };

function body(bytes: Uint8Array, chunk = 1 << 20): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}
const md5 = (b: Uint8Array) => new Bun.CryptoHasher("md5").update(b).digest("base64");
async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(s).arrayBuffer());
}

let s3: S3rver;
let s3Dir: string;
let s3Port = 0;
const dirRoot = mkdtempSync(join(tmpdir(), "pacer-blobs-"));

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), "pacer-s3rver-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: "pacer-test", configs: [] }] });
  const addr = await s3.run();
  s3Port = addr.port;
});
afterAll(async () => {
  await s3.close();
  rmSync(s3Dir, { recursive: true, force: true });
  rmSync(dirRoot, { recursive: true, force: true });
});

const stores: Array<[string, () => BlobStore]> = [
  ["directory", () => new DirBlobStore(dirRoot)],
  ["s3 (s3rver stand-in)", () => new S3BlobStore({ bucket: "pacer-test", prefix: "archives-test", endpoint: `http://127.0.0.1:${s3Port}`, region: "us-east-1" }, S3_ENV)],
];

describe.each(stores)("%s blob store", (_name, make) => {
  // 20 MiB: several multipart parts for S3, many chunks for the directory.
  const bytes = new Uint8Array(20 * 2 ** 20);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i * 2654435761) >>> 24;

  test("streams a body in and back out, byte for byte", async () => {
    const store = make();
    const got = await store.put("a/b/one.tar", body(bytes), md5(bytes), bytes.length);
    expect(got).toEqual({ size: bytes.length, md5: md5(bytes) });
    expect(await store.exists("a/b/one.tar")).toBe(true);
    const back = await readAll(await store.get("a/b/one.tar"));
    expect(back.length).toBe(bytes.length);
    expect(md5(back)).toBe(md5(bytes));
    await store.delete("a/b/one.tar");
    expect(await store.exists("a/b/one.tar")).toBe(false);
  }, 60_000);

  test("a body whose MD5 differs from the announced one is refused and leaves nothing", async () => {
    const store = make();
    const err = await store.put("a/bad.tar", body(bytes.subarray(0, 3 << 20)), md5(new Uint8Array([1])), bytes.length).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumMismatch);
    expect(await store.exists("a/bad.tar")).toBe(false);
  }, 60_000);

  test("a body over the limit is stopped and leaves nothing", async () => {
    const store = make();
    const err = await store.put("a/big.tar", body(bytes.subarray(0, 3 << 20)), md5(bytes), 1 << 20).catch((e) => e);
    expect(err).toBeInstanceOf(TooLarge);
    expect(await store.exists("a/big.tar")).toBe(false);
  }, 60_000);
});

test("the directory store keeps no partial file and refuses keys outside its root", async () => {
  const store = new DirBlobStore(dirRoot);
  const names = (d: string): string[] => readdirSync(d, { recursive: true }).map(String);
  expect(names(dirRoot).filter((n) => n.endsWith(".partial"))).toEqual([]);
  await expect(store.put("../escape.tar", body(new Uint8Array(1)), md5(new Uint8Array(1)), 10)).rejects.toThrow(/Invalid blob key/);
});
