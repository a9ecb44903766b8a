/**
 * The parsed form of every captured callgrind fixture, snapshotted as JSON so that a parser rewrite
 * can be checked to lose nothing: `bun test/simulation/parse-snapshots.ts` rewrites the snapshots
 * (only after a reviewed, intended change of the parser's output).
 *
 * @module
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseFixture, SIM_FIXTURES } from "./fixtures.ts";
import { oldShape } from "./parse-snapshots-shape.ts";

export const SNAPSHOT_DIR = join(SIM_FIXTURES, "parsed");

/** Callgrind fixtures (plain or gzipped `.out` files). */
export function callgrindFixtures(): string[] {
  return readdirSync(SIM_FIXTURES).filter((n) => /\.out(\.gz)?$/.test(n)).sort();
}

export function snapshotPath(fixture: string): string {
  return join(SNAPSHOT_DIR, `${fixture.replace(/\.gz$/, "")}.json.gz`);
}

/** Everything the parser returns for a fixture, with per-function costs of every part, in the old parser's shape. */
export async function parsedJson(fixture: string): Promise<string> {
  return JSON.stringify(oldShape(await parseFixture(fixture, { functionsFor: () => true })), null, 1);
}

if (import.meta.main) {
  for (const fixture of callgrindFixtures()) {
    writeFileSync(snapshotPath(fixture), gzipSync(await parsedJson(fixture), { level: 9 }));
    console.log(`wrote ${snapshotPath(fixture)}`);
  }
}
