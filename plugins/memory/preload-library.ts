/**
 * Puts the preload library at a real path (LD_PRELOAD cannot read a file embedded in the
 * executable): the embedded file when it is built for this machine, else (running from a checkout)
 * the copy built for this arch, else a fresh build.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { materializeLibrary } from "../../src/toolkit/native-library.ts";
import { archBuildPath, buildPreload, PRELOAD_FILE } from "./build-preload.ts";

export { builtFor } from "../../src/toolkit/native-library.ts";

/** Writes the library into `dir` and returns its path. */
export async function materializePreload(dir: string): Promise<string> {
  const dest = join(dir, PRELOAD_FILE);
  if (existsSync(dest)) return dest;
  return materializeLibrary({ dest, embedded: () => import("./embedded-preload.ts"), archBuild: (a) => archBuildPath(a), build: () => buildPreload({ outDir: dir }) });
}
