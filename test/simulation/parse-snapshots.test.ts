import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
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
