import { describe, expect, test } from "bun:test";
import { Readable } from "node:stream";
import { createMaskStream } from "./mask-stream.ts";

const SECRET = "cs-token-0123456789";

async function maskChunks(chunks: Buffer[], secrets: string[]): Promise<{ out: Buffer; masked: number }> {
  const masker = createMaskStream(secrets);
  const parts: Buffer[] = [];
  const done = (async () => {
    for await (const c of masker) parts.push(c as Buffer);
  })();
  Readable.from(chunks, { objectMode: false }).pipe(masker);
  await done;
  return { out: Buffer.concat(parts), masked: masker.masked };
}

describe("createMaskStream()", () => {
  test("masks a secret split at every possible chunk boundary, keeping the length", async () => {
    const data = Buffer.concat([Buffer.from([0, 255, 0]), Buffer.from(`ab${SECRET}cd`), Buffer.from([0])]);
    for (let cut = 0; cut <= data.length; cut++) {
      const { out, masked } = await maskChunks([data.subarray(0, cut), data.subarray(cut)], [SECRET]);
      expect(out.length).toBe(data.length);
      expect(out.includes(SECRET)).toBe(false);
      expect(out.subarray(5, 5 + SECRET.length).toString()).toBe("*".repeat(SECRET.length));
      expect(masked).toBe(1);
    }
  });

  test("masks in one-byte chunks, several secrets and repeats, binary bytes untouched", async () => {
    const other = "ghp_abcdefghijklmnop";
    const data = Buffer.concat([Buffer.from([1, 0, 2]), Buffer.from(`${SECRET}${other}x${SECRET}`), Buffer.from([0, 3])]);
    const bytes = [...data].map((b) => Buffer.from([b]));
    const { out, masked } = await maskChunks(bytes, [SECRET, other]);
    expect(masked).toBe(3);
    expect([...out.subarray(0, 3)]).toEqual([1, 0, 2]);
    expect([...out.subarray(-2)]).toEqual([0, 3]);
    expect(out.subarray(3, -2).toString()).toBe(`${"*".repeat(SECRET.length + other.length)}x${"*".repeat(SECRET.length)}`);
  });

  test("passes data through unchanged when nothing is registered or found", async () => {
    const data = Buffer.from("plain text\0with a NUL");
    expect((await maskChunks([data], [])).out.equals(data)).toBe(true);
    const found = await maskChunks([data.subarray(0, 4), data.subarray(4)], [SECRET]);
    expect(found.out.equals(data)).toBe(true);
    expect(found.masked).toBe(0);
  });
});
