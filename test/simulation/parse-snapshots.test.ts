import { expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCallgrindFile } from "../../plugins/simulation/parse-callgrind.ts";
import { callgrindFixtures, parsedJson, snapshotPath } from "./parse-snapshots.ts";

// The snapshots were written by the line-and-string parser before the byte parser replaced it
// (commit "Snapshot the parsed form..."): same parts, totals, functions, callees, in the same order.
test.each(callgrindFixtures())("parsing %s gives exactly the snapshotted result", async (fixture) => {
  const expected = gunzipSync(readFileSync(snapshotPath(fixture))).toString("utf8");
  expect(await parsedJson(fixture)).toBe(expected);
});

test("every callgrind fixture has a snapshot", () => {
  expect(callgrindFixtures().length).toBeGreaterThanOrEqual(7);
});

// The 172 MB file of `bench/simulation-parse.ts` (valgrind on node, --separate-callers=6, 80,125
// functions): the hash of its parsed form, taken with the parser of 2c5c180 before the rewrite.
const BIG = join(tmpdir(), "pacer-bench", "callgrind-big.out");
const BIG_SHA256 = "8f4e934f71cec60f3e8a42b40b1ba75aa862af6521fa39bb5001d89e68d36c8e";
test.skipIf(!existsSync(BIG))("the bench's 172 MB callgrind file parses to the hash of the old parser's result (skipped: run bun bench/index.ts simulation-parse once to make it)", async () => {
  const out = await parseCallgrindFile(BIG, { functionsFor: () => true });
  expect(createHash("sha256").update(JSON.stringify(out)).digest("hex")).toBe(BIG_SHA256);
}, 60_000);
