import { afterAll, describe, expect, test } from "bun:test";
import { chownSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moveOwnedFile, readOwnedFile } from "./owned-file.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-owned-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const uid = process.getuid!();

describe("readOwnedFile()", () => {
  test("reads a regular file of the given uid; undefined when there is none", () => {
    writeFileSync(join(dir, "mine"), "hello");
    expect(readOwnedFile(join(dir, "mine"), uid)).toEqual({ ok: true, data: Buffer.from("hello") });
    expect(readOwnedFile(join(dir, "absent"), uid)).toBeUndefined();
  });

  test("refuses a symlink, even to a file of the same uid", () => {
    symlinkSync(join(dir, "mine"), join(dir, "link"));
    expect(readOwnedFile(join(dir, "link"), uid)).toEqual({ ok: false, why: "it is a symbolic link" });
  });

  test("refuses a FIFO without blocking", () => {
    Bun.spawnSync(["mkfifo", join(dir, "fifo")]);
    expect(readOwnedFile(join(dir, "fifo"), uid)).toEqual({ ok: false, why: "it is not a regular file" });
  });

  test.skipIf(uid !== 0)("refuses another user's file (chowned to nobody by root)", () => {
    writeFileSync(join(dir, "theirs"), "x");
    chownSync(join(dir, "theirs"), 65534, 65534);
    expect(readOwnedFile(join(dir, "theirs"), uid)).toEqual({ ok: false, why: "it belongs to uid 65534, not to the benchmark's uid 0" });
  });
});

describe("moveOwnedFile()", () => {
  test("moves an owned file, leaves a refused one where it is and says why", () => {
    const warnings: string[] = [];
    writeFileSync(join(dir, "mine.map"), "abc");
    expect(moveOwnedFile(join(dir, "mine.map"), join(dir, "moved.map"), uid, (m) => warnings.push(m))?.toString()).toBe("abc");
    expect([existsSync(join(dir, "mine.map")), readFileSync(join(dir, "moved.map"), "utf8")]).toEqual([false, "abc"]);
    symlinkSync(join(dir, "moved.map"), join(dir, "planted.map"));
    expect(moveOwnedFile(join(dir, "planted.map"), join(dir, "out.map"), uid, (m) => warnings.push(m))).toBeUndefined();
    expect([lstatSync(join(dir, "planted.map")).isSymbolicLink(), existsSync(join(dir, "out.map"))]).toEqual([true, false]);
    expect(warnings).toEqual([`Ignoring "${join(dir, "planted.map")}": it is a symbolic link (another local user may have planted it)`]);
    expect(moveOwnedFile(join(dir, "absent.map"), join(dir, "x.map"), uid)).toBeUndefined();
  });

  test("removes the source even when the destination cannot be written (a full disk)", () => {
    writeFileSync(join(dir, "full.map"), "abc");
    expect(() => moveOwnedFile(join(dir, "full.map"), "/dev/full", uid)).toThrow();
    expect(existsSync(join(dir, "full.map"))).toBe(false);
  });
});
