import { afterEach, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProfileArchive, folderSize } from "./archive.ts";
import { chooseEncoding, COMPRESS_ABOVE_BYTES } from "./encoding.ts";

const cleanup: string[] = [];
afterEach(() => cleanup.splice(0).forEach((p) => rmSync(p, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "pacer-archive-"));
  cleanup.push(dir);
  mkdirSync(join(dir, "results"));
  writeFileSync(join(dir, "results", "1.json"), "{}");
  writeFileSync(join(dir, "runner.log"), "hello\n");
  return dir;
}

describe("createProfileArchive()", () => {
  test.each([null, "gzip", "zstd"] as const)("encoding %p: size and MD5 describe the file's exact bytes", async (encoding) => {
    const a = await createProfileArchive(folder(), { encoding });
    cleanup.push(a.dir!);
    const bytes = readFileSync(a.path);
    expect(a.size).toBe(bytes.length);
    expect(a.md5).toBe(createHash("md5").update(bytes).digest("base64"));
    expect(a.entries).toBe(3);
    expect(a.encoding).toBe(encoding);
  });

  test("lists tar entries relative to the folder, parents first", async () => {
    const a = await createProfileArchive(folder(), { encoding: null });
    cleanup.push(a.dir!);
    const proc = Bun.spawnSync(["tar", "-tf", a.path]);
    expect(proc.stdout.toString().trim().split("\n")).toEqual(["results/", "results/1.json", "runner.log"]);
  });

  test("folderSize() sums regular files only", () => {
    expect(folderSize(folder())).toBe(2 + 6);
  });
});

describe("chooseEncoding()", () => {
  test("follows the CodSpeed runner: gzip for simulation, none below 5 GiB otherwise", () => {
    expect(chooseEncoding("gzip", 10)).toBe("gzip");
    expect(chooseEncoding(undefined, COMPRESS_ABOVE_BYTES - 1)).toBeNull();
    expect(chooseEncoding(undefined, COMPRESS_ABOVE_BYTES)).toBe("gzip");
  });

  test("PACER_ARCHIVE_ENCODING overrides it; a bad value is a usage error", () => {
    expect(chooseEncoding("gzip", 10, "zstd")).toBe("zstd");
    expect(chooseEncoding("gzip", 10, "none")).toBeNull();
    expect(() => chooseEncoding(undefined, 10, "brotli")).toThrow('Invalid archive encoding "brotli"');
  });
});
