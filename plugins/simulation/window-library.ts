/**
 * Puts the exec window library at a real path (LD_PRELOAD cannot read a file embedded in the
 * executable): the embedded file when it is built for this machine, else (running from a checkout)
 * the copy built for this arch, else a fresh build.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { arch } from "node:os";
import { join } from "node:path";
import { PacerError } from "../../src/index.ts";
import { normaliseArch } from "../memory/build-preload.ts";
import { builtFor } from "../memory/preload-library.ts";
import { buildExecWindow, WINDOW_FILE, windowArchPath } from "./build-window.ts";

async function embeddedBytes(): Promise<Uint8Array | undefined> {
  try {
    const path = (await import("./embedded-window.ts")).default;
    const file = Bun.file(path);
    return (await file.exists()) ? new Uint8Array(await file.arrayBuffer()) : undefined;
  } catch {
    return undefined; // not built yet (a fresh checkout)
  }
}

/** Writes the library into `dir` (a folder pacer created) and returns its path. */
export async function materializeExecWindow(dir: string): Promise<string> {
  const dest = join(dir, WINDOW_FILE);
  const host = normaliseArch(arch());
  const embedded = await embeddedBytes();
  if (embedded && builtFor(embedded, host)) {
    writeFileSync(dest, embedded, { mode: 0o755 });
    return dest;
  }
  const local = Bun.file(windowArchPath(host));
  if (await local.exists()) {
    writeFileSync(dest, new Uint8Array(await local.arrayBuffer()), { mode: 0o755 });
    return dest;
  }
  try {
    await buildExecWindow({ outDir: dir });
  } catch (e) {
    throw new PacerError("E_RUN", (e as Error).message, {
      hint: 'Build pacer with "npm run build" (needs a C compiler) or use a released pacer binary, which embeds the library',
    });
  }
  return dest;
}
