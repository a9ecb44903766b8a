/**
 * Puts the exec window library at a real path (LD_PRELOAD cannot read a file embedded in the
 * executable): the embedded file when it is built for this machine, else (running from a checkout)
 * the copy built for this arch, else a fresh build.
 *
 * @module
 */
import { join } from "node:path";
import { PacerError } from "../../src/index.ts";
import { materializeLibrary } from "../../src/toolkit/native-library.ts";
import { buildExecWindow, WINDOW_FILE, windowArchPath } from "./build-window.ts";

/** Writes the library into `dir` (a folder pacer created) and returns its path. */
export async function materializeExecWindow(dir: string): Promise<string> {
  const build = async () => {
    try {
      await buildExecWindow({ outDir: dir });
    } catch (e) {
      throw new PacerError("E_RUN", (e as Error).message, {
        hint: 'Build pacer with "npm run build" (needs a C compiler) or use a released pacer binary, which embeds the library',
      });
    }
  };
  return materializeLibrary({ dest: join(dir, WINDOW_FILE), embedded: () => import("./embedded-window.ts"), archBuild: (a) => windowArchPath(a), build });
}
