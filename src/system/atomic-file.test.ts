import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  test("replaces the file whole and leaves no temporary file", () => {
    const p = join(dir, "pacer-run.json");
    writeFileSync(p, "old");
    writeFileAtomic(p, '{"status":"ok"}');
    expect(readFileSync(p, "utf8")).toBe('{"status":"ok"}');
    expect(readdirSync(dir)).toEqual(["pacer-run.json"]);
  });

  test("a planted temporary name is refused, not followed, and the error names the final path", () => {
    const sub = mkdtempSync(join(dir, "planted-"));
    const p = join(sub, "x.json");
    symlinkSync("/etc/hostname", join(sub, `.x.json.${process.pid}.tmp`));
    const before = readFileSync("/etc/hostname", "utf8");
    expect(() => writeFileAtomic(p, "data")).toThrow(expect.objectContaining({ path: p }));
    expect(readFileSync("/etc/hostname", "utf8")).toBe(before);
  });
});
