import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forEachByteLine, forEachFileByteLine } from "./byte-lines.ts";

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
