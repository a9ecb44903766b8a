/**
 * Puts the preload library at a real path (LD_PRELOAD cannot read a file embedded in the
 * executable): the embedded file when it is built for this machine, else (running from a checkout)
 * the copy built for this arch, else a fresh build.
 *
 * @module
 */
import { existsSync, writeFileSync } from "node:fs";
import { arch } from "node:os";
import { join } from "node:path";
import { archBuildPath, buildPreload, normaliseArch, PRELOAD_FILE } from "./build-preload.ts";

const MACHINES: Record<string, number> = { x86_64: 62, aarch64: 183 };

/** Whether ELF bytes are a library for `hostArch`. */
export function builtFor(bytes: Uint8Array, hostArch: string): boolean {
  if (bytes.length < 20 || bytes[0] !== 0x7f || bytes[1] !== 0x45) return false;
  return (bytes[18]! | (bytes[19]! << 8)) === MACHINES[hostArch];
}

async function embeddedBytes(): Promise<Uint8Array | undefined> {
  try {
    const path = (await import("./embedded-preload.ts")).default;
    const file = Bun.file(path);
    return (await file.exists()) ? new Uint8Array(await file.arrayBuffer()) : undefined;
  } catch {
    return undefined; // not built yet (a fresh checkout)
  }
}

/** Writes the library into `dir` and returns its path. */
export async function materializePreload(dir: string): Promise<string> {
  const dest = join(dir, PRELOAD_FILE);
  if (existsSync(dest)) return dest;
  const host = normaliseArch(arch());
  const embedded = await embeddedBytes();
  if (embedded && builtFor(embedded, host)) {
    writeFileSync(dest, embedded, { mode: 0o755 });
    return dest;
  }
  const local = Bun.file(archBuildPath(host));
  if (await local.exists()) {
    writeFileSync(dest, new Uint8Array(await local.arrayBuffer()), { mode: 0o755 });
    return dest;
  }
  await buildPreload({ outDir: dir });
  return dest;
}
