/**
 * Puts the preload library at a real path (LD_PRELOAD cannot read a file embedded in the
 * executable): copied from the embedded file, or built from source when running from a checkout
 * where it was never built.
 *
 * @module
 */
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPreload, PRELOAD_FILE } from "./build-preload.ts";

/** Writes the library into `dir` and returns its path. */
export async function materializePreload(dir: string): Promise<string> {
  const dest = join(dir, PRELOAD_FILE);
  if (existsSync(dest)) return dest;
  let embedded: string | undefined;
  try {
    embedded = (await import("./embedded-preload.ts")).default;
  } catch {
    embedded = undefined; // not built yet (a fresh checkout)
  }
  if (embedded?.startsWith("/$bunfs/")) {
    writeFileSync(dest, new Uint8Array(await Bun.file(embedded).arrayBuffer()));
  } else if (embedded && existsSync(embedded)) {
    copyFileSync(embedded, dest);
  } else {
    await buildPreload({ outDir: dir });
  }
  return dest;
}
