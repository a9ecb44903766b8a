/**
 * The server's BlobStore interface, both implementations, through `openBlobStore` as `pacer serve`
 * opens them: the directory store, and the S3 store against s3rver (STAND-IN for an S3-compatible
 * server, see test/helpers/s3-server.ts) over real loopback HTTP with Bun's S3 client.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBlobStore } from "../../src/server/blobs/open.ts";
import { ChecksumMismatch, TooLarge, type BlobStore } from "../../src/server/blobs/types.ts";
import { s3Client, s3Missing, startS3, type S3Stand } from "../helpers/s3-server.ts";

const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("base64");

/** `bytes` as a stream of 1 MiB chunks, like a request body. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, at + 2 ** 20));
      at += 2 ** 20;
    },
  });
}

async function readAll(s: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(s).arrayBuffer());
}

interface Case {
  name: string;
  missing: string | null;
  open(): Promise<{ store: BlobStore; keys(): Promise<string[]>; close(): Promise<void> }>;
}

const CASES: Case[] = [
  {
    name: "directory",
    missing: null,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "pacer-blobs-dir-"));
      const store = await openBlobStore(`file://${dir}`);
      const walk = (d: string, pre = ""): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name), `${pre}${e.name}/`) : [`${pre}${e.name}`]));
      return { store, keys: async () => walk(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "S3 (s3rver stand-in)",
    missing: s3Missing(),
    async open() {
      const s3: S3Stand = await startS3();
      const store = await openBlobStore(`s3://${s3.bucket}/archives`, { ...process.env, ...s3.env });
      const client = s3Client(s3);
      return { store, keys: async () => ((await client.list({ prefix: "archives/" })).contents ?? []).map((c) => c.key), close: () => s3.stop() };
    },
  },
];

describe.each(CASES)("BlobStore: $name", (c) => {
  let h: Awaited<ReturnType<Case["open"]>>;
  beforeAll(async () => {
    if (!c.missing) h = await c.open();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  test.skipIf(!!c.missing)(`a streamed 20 MiB archive comes back byte-exact${c.missing ? ` (skipped: ${c.missing})` : ""}`, async () => {
    const bytes = randomBytes(20 * 2 ** 20);
    const stored = await h.store.put("p1/run1/part1.tar.zst", streamOf(bytes), md5(bytes), 64 * 2 ** 20);
    expect(stored).toEqual({ size: bytes.length, md5: md5(bytes) });
    expect(await h.store.exists("p1/run1/part1.tar.zst")).toBe(true);
    const back = await readAll(await h.store.get("p1/run1/part1.tar.zst"));
    expect(md5(back)).toBe(md5(bytes));
    expect(back.length).toBe(bytes.length);
  }, 120_000);

  test.skipIf(!!c.missing)("a body whose MD5 differs from the announced one is refused and leaves nothing behind", async () => {
    const before = (await h.keys()).sort();
    const bytes = randomBytes(3 * 2 ** 20);
    const err = await h.store.put("p1/run2/part1.tar.zst", streamOf(bytes), md5(Buffer.from("something else")), 64 * 2 ** 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatch);
    expect(await h.store.exists("p1/run2/part1.tar.zst")).toBe(false);
    expect((await h.keys()).sort()).toEqual(before);
  }, 60_000);

  test.skipIf(!!c.missing)("a body over the size limit is refused and leaves nothing behind", async () => {
    const before = (await h.keys()).sort();
    const bytes = randomBytes(5 * 2 ** 20);
    const err = await h.store.put("p1/run3/part1.tar.zst", streamOf(bytes), md5(bytes), 2 * 2 ** 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLarge);
    expect(await h.store.exists("p1/run3/part1.tar.zst")).toBe(false);
    expect((await h.keys()).sort()).toEqual(before);
  }, 60_000);

  test.skipIf(!!c.missing)("delete removes the object; its description carries no credentials", async () => {
    const bytes = Buffer.from("small archive");
    await h.store.put("p1/run4/part1.tar.zst", streamOf(bytes), md5(bytes), 2 ** 20);
    await h.store.delete("p1/run4/part1.tar.zst");
    expect(await h.store.exists("p1/run4/part1.tar.zst")).toBe(false);
    expect(h.store.describe()).not.toContain("S3RVER");
  }, 60_000);
});

// From the server branch's version of this file: a key must not climb out of the store's directory.
test("the directory store refuses keys outside its root and keeps no partial file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pacer-blobs-root-"));
  try {
    const store = await openBlobStore(`file://${dir}`);
    const one = new Uint8Array(1);
    await expect(store.put("../escape.tar", streamOf(one), md5(one), 10)).rejects.toThrow(/Invalid blob key/);
    expect(readdirSync(join(dir, ".."))).not.toContain("escape.tar");
    expect(readdirSync(dir, { recursive: true }).map(String).filter((n) => n.endsWith(".partial"))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
