/**
 * A cheap fingerprint of installed tools for probe cache keys: which file each name resolves to on
 * PATH, with its size and modification time, so an upgrade or a different PATH changes the key
 * without running the tool.
 *
 * @module
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** `path:size:mtime` of the real file behind `name` (first on PATH, or the path itself), or `missing`. */
function stampOf(name: string, path: string): string {
  const dirs = isAbsolute(name) ? [""] : path.split(":").filter(isAbsolute);
  for (const dir of dirs) {
    try {
      const real = realpathSync(dir ? join(dir, name) : name);
      const st = statSync(real);
      if (st.isFile() && st.mode & 0o111) return `${real}:${st.size}:${Math.round(st.mtimeMs)}`;
    } catch {
      // Not in this folder.
    }
  }
  return "missing";
}

/** `name=path:size:mtime` for each tool, `;`-joined: one part of a probe cache key. */
export function toolStamp(names: string[], path = process.env.PATH ?? ""): string {
  return names.map((n) => `${n}=${stampOf(n, path)}`).join("; ");
}
