import { afterAll, describe, expect, test } from "bun:test";
import { chownSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOwnedFile } from "./owned-file.ts";

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
