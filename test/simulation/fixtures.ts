/**
 * Paths and readers of the simulation fixtures (real valgrind 3.19 outputs captured for these tests).
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createGunzip } from "node:zlib";
import { parseCallgrind, type CallgrindFile, type ParseOptions } from "../../plugins/simulation/parse-callgrind.ts";

export const SIM_FIXTURES = join(import.meta.dir, "..", "fixtures", "simulation");

/** Parses a fixture, gunzipping `.gz` files on the fly (exercises the streaming path). */
export function parseFixture(name: string, opts: ParseOptions = {}): Promise<CallgrindFile> {
  const raw = createReadStream(join(SIM_FIXTURES, name));
  return parseCallgrind(name.endsWith(".gz") ? raw.pipe(createGunzip()) : raw, opts);
}
