import { expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCallgrindFile } from "../../plugins/simulation/parse-callgrind.ts";
import { callgrindFixtures, parsedJson, snapshotPath } from "./parse-snapshots.ts";
import { oldShape } from "./parse-snapshots-shape.ts";

// The snapshots were written by the line-and-string parser before the byte parser replaced it
// (commit "Snapshot the parsed form..."): same parts, totals, functions, callees, in the same order.
test.each(callgrindFixtures())("parsing %s gives exactly the snapshotted result", async (fixture) => {
  const expected = gunzipSync(readFileSync(snapshotPath(fixture))).toString("utf8");
  expect(await parsedJson(fixture)).toBe(expected);
});

test("every callgrind fixture has a snapshot", () => {
  expect(callgrindFixtures().length).toBeGreaterThanOrEqual(7);
});

/**
 * The hash of the parsed form of each big file of `bench/simulation-parse.ts` (valgrind on node,
 * --separate-callers=6) met so far, by the SHA-256 of the file itself: a valgrind run is not
 * reproducible, so every regenerated file is a new one whose hash must be taken with a parser already
 * proven equal to the old one.
 */
const BIG_RESULTS: Record<string, { result: string; taken: string }> = {
  // 173.3 MB, 80,554 functions (2 Dec 2026), taken with the parser of 1f4997f, proven equal to 2f8e0d5's on the file below.
  "1b973054a3a8598c4aa2aa13f79f053158a4e01dc34bee3993ca99aeccb55cb7": {
    result: "bb4d44467af71b75d1b620d8b2346b02ce5e3d29a5f92eb0c7b39277469c8b9a",
    taken: "1f4997f",
  },
  // 172.1 MB, 80,100 functions (Dec 2026), taken with the parser of 2f8e0d5, proven equal to 2c5c180's on the first file.
  e29071054b6b1df4ac039c7e3b678b9cb88d487a43115a578d543f8957588d28: {
    result: "75b06d0c83470081eaafe3abfb0edab6a09ec42bba6667d21fd71a1f29f16295",
    taken: "2f8e0d5",
  },
  // The first file (172 MB, 80,125 functions), taken with the parser of 2c5c180 before the byte rewrite.
  // Its own SHA-256 was not recorded, so no file present can be matched with it: kept as the record.
  "unrecorded (the first file)": {
    result: "8f4e934f71cec60f3e8a42b40b1ba75aa862af6521fa39bb5001d89e68d36c8e",
    taken: "2c5c180",
  },
};

/** The SHA-256 of a file, read in blocks (the big file is 172 MB). */
function fileSha256(path: string): string {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(4 << 20);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

const BIG = join(tmpdir(), "pacer-bench", "callgrind-big.out");
const known = existsSync(BIG) ? BIG_RESULTS[fileSha256(BIG)] : undefined;
const skipped = existsSync(BIG) ? "the file present is not one this test knows" : "run bun bench/index.ts simulation-parse once to make it";
test.skipIf(!known)(
  `the bench's big callgrind file parses to the hash of the old parser's result${known ? "" : ` (skipped: ${skipped})`}`,
  async () => {
    const out = await parseCallgrindFile(BIG, { functionsFor: () => true });
    expect(createHash("sha256").update(JSON.stringify(oldShape(out))).digest("hex")).toBe(known!.result);
  },
  60_000,
);
