import { describe, expect, test } from "bun:test";
import { createStreamMasker, maskBytes } from "./stream-masker.ts";

const SECRET = "tok_0123456789abcdef";

/** Feeds `text` cut at every position in `cuts` and returns what the console would show. */
function through(text: string, cuts: number[], secrets = [SECRET]): string {
  const m = createStreamMasker(secrets);
  const bytes = Buffer.from(text);
  let out = "";
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    out += m.push(bytes.subarray(from, at)).toString();
    from = at;
  }
  return out + m.end().toString();
}

describe("createStreamMasker", () => {
  test("a secret cut across two chunks at any position is masked", () => {
    const text = `before ${SECRET} after`;
    for (let cut = 1; cut < text.length; cut++) expect(through(text, [cut])).toBe("before *** after");
  });

  test("a secret cut into one-byte chunks is masked", () => {
    const text = `x${SECRET}y${SECRET}`;
    expect(through(text, Array.from({ length: text.length - 1 }, (_, i) => i + 1))).toBe("x***y***");
  });

  test("without secrets, chunks pass through untouched and nothing is held back", () => {
    const m = createStreamMasker([]);
    const chunk = new Uint8Array([0, 255, 10]);
    expect([...m.push(chunk)]).toEqual([0, 255, 10]);
    expect(m.end().length).toBe(0);
  });

  test("binary output around a secret keeps its bytes", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(SECRET), Buffer.from([0xfe])]);
    expect([...maskBytes(bytes, [Buffer.from(SECRET)])]).toEqual([0xff, 0x00, ...Buffer.from("***"), 0xfe]);
  });

  test("masking 50 MB in 64 KiB chunks takes well under 5 s (each byte is scanned a bounded number of times)", () => {
    const m = createStreamMasker([SECRET]);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 800; i++) total += m.push(chunk).length;
    total += m.end().length;
    expect(total).toBe(800 * chunk.length);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
