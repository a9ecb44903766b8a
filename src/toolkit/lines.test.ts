import { describe, expect, test } from "bun:test";
import { forEachLine, lines as linesIter } from "./lines.ts";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const x of chunks) c.enqueue(x);
      c.close();
    },
  });
}

async function lines(chunks: Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  await forEachLine(streamOf(chunks), (l) => out.push(l));
  return out;
}

describe("forEachLine()", () => {
  const enc = new TextEncoder();

  test("joins lines split across chunks, keeps empty lines and a last line without newline", async () => {
    expect(await lines([enc.encode("ab"), enc.encode("c\n\nde"), enc.encode("f\ng")])).toEqual(["abc", "", "def", "g"]);
  });

  test("decodes a UTF-8 character split between chunks", async () => {
    const bytes = enc.encode("µs\n");
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(["µs"]);
  });

  test("reads a real process's output", async () => {
    const proc = Bun.spawn(["seq", "1", "100000"], { stdout: "pipe" });
    let n = 0;
    let last = "";
    await forEachLine(proc.stdout, (l) => {
      n++;
      last = l;
    });
    expect([n, last]).toEqual([100000, "100000"]);
  });
});

describe("lines()", () => {
  test("yields the same lines as forEachLine, across chunk borders and split characters", async () => {
    const bytes = new TextEncoder().encode("ab\n\nµs\nlast");
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)];
    const got: string[] = [];
    for await (const l of linesOf(chunks)) got.push(l);
    expect(got).toEqual(["ab", "", "µs", "last"]);
  });
});

async function* linesOf(chunks: Uint8Array[]): AsyncIterable<string> {
  yield* linesIter(streamOf(chunks));
}
