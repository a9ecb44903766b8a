import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forEachByteLine, forEachFileByteLine, forEachFileLineBlock, forEachLineBlock } from "./byte-lines.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const dir = mkdtempSync(join(tmpdir(), "pacer-byte-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* chunksOf(parts: (Uint8Array | string)[]) {
  yield* parts;
}

async function linesOf(parts: (Uint8Array | string)[]): Promise<string[]> {
  const out: string[] = [];
  await forEachByteLine(chunksOf(parts), (b, s, e) => out.push(dec.decode(b.subarray(s, e))));
  return out;
}

async function fileLines(text: string, chunkBytes: number): Promise<string[]> {
  const path = join(dir, `f${chunkBytes}.txt`);
  writeFileSync(path, text);
  const out: string[] = [];
  await forEachFileByteLine(path, (b, s, e) => out.push(dec.decode(b.subarray(s, e))), chunkBytes);
  return out;
}

describe("forEachByteLine()", () => {
  test("joins lines split across chunks, keeps empty lines and a last line without newline", async () => {
    expect(await linesOf([enc.encode("ab"), enc.encode("c\n\nde"), enc.encode("f\ng")])).toEqual(["abc", "", "def", "g"]);
  });

  test("a line spread over many chunks, string chunks and a UTF-8 character split between chunks", async () => {
    const bytes = enc.encode("µs\n");
    expect(await linesOf(["x", "y", "z", bytes.subarray(0, 1), bytes.subarray(1), "end"])).toEqual(["xyzµs", "end"]);
  });

  test("nothing in, no line out; a trailing newline makes no empty last line", async () => {
    expect(await linesOf([])).toEqual([]);
    expect(await linesOf(["a\n"])).toEqual(["a"]);
  });
});

describe("forEachFileByteLine()", () => {
  const text = Array.from({ length: 500 }, (_, i) => `line ${i} ${"x".repeat(i % 37)}`).join("\n");

  test("gives the same lines whatever the block size, a line longer than a block included", async () => {
    const long = `${"y".repeat(5000)}\n${text}`;
    const expected = long.split("\n");
    for (const size of [16, 100, 4096, 1 << 20]) expect(await fileLines(long, size)).toEqual(expected);
  });

  test("an empty file has no line", async () => {
    expect(await fileLines("", 64)).toEqual([]);
  });
});

describe("forEachLineBlock() and forEachFileLineBlock()", () => {
  const text = "alpha\nbeta gamma\n\ndelta-that-is-longer-than-a-chunk\nlast";
  const isWholeLines = (b: Uint8Array, s: number, e: number, eof: boolean) => (e > s && b[e - 1] === 10) || eof;

  test("blocks hold whole lines only, however the stream is cut, and join to the input", async () => {
    const bytes = enc.encode(text);
    for (const cut of [1, 3, 7, 16, bytes.length]) {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += cut) parts.push(bytes.subarray(i, i + cut));
      const blocks: string[] = [];
      const ends: boolean[] = [];
      await forEachLineBlock(chunksOf(parts), (b, s, e) => {
        blocks.push(dec.decode(b.subarray(s, e)));
        ends.push(b[e - 1] === 10);
      });
      expect(blocks.join("")).toBe(text);
      // Every block but the unterminated last one ends a line.
      expect(ends.slice(0, -1).every(Boolean)).toBe(true);
    }
  });

  test("a file is read in blocks of whole lines, a line longer than a block included", async () => {
    const path = join(dir, "blocks.txt");
    writeFileSync(path, text);
    const blocks: string[] = [];
    let whole = true;
    await forEachFileLineBlock(path, (b, s, e) => {
      blocks.push(dec.decode(b.subarray(s, e)));
      whole &&= isWholeLines(b, s, e, dec.decode(b.subarray(s, e)).endsWith("last"));
    }, 8);
    expect(blocks.join("")).toBe(text);
    expect(whole).toBe(true);
  });
});
