import { afterAll, expect, test } from "bun:test";
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeFifo } from "./mkfifo.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-mkfifo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("makeFifo() makes a FIFO with exactly the mode asked, whatever the umask", () => {
  const old = process.umask(0o077);
  try {
    makeFifo(join(dir, "a"), 0o640);
  } finally {
    process.umask(old);
  }
  const st = lstatSync(join(dir, "a"));
  expect(st.isFIFO()).toBe(true);
  expect(st.mode & 0o777).toBe(0o640);
  makeFifo(join(dir, "b"));
  expect(lstatSync(join(dir, "b")).mode & 0o777).toBe(0o700);
  // The process umask is left as it was.
  expect(process.umask()).toBe(old);
});

test("makeFifo() replaces nothing and says why it cannot", () => {
  writeFileSync(join(dir, "file"), "keep");
  expect(() => makeFifo(join(dir, "file"))).toThrow(/File exists/);
  expect(lstatSync(join(dir, "file")).isFile()).toBe(true);
  expect(() => makeFifo(join(dir, "missing", "x"))).toThrow(/No such file/);
});
