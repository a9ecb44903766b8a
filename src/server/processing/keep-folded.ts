/**
 * Keeps each benchmark's folded stacks (walltime perf samples) with its results, so the dashboard
 * can draw its flame graph: `detail.folded` names a file in the uploaded folder, which is deleted
 * after processing. The text goes into `detail.foldedStacks`; the path is left as it was.
 *
 * Only regular files inside the folder are read (no symlink, no `..`), at most
 * {@link MAX_FOLDED_BYTES} each: the results row stays small and a hostile archive reads nothing else.
 *
 * @module
 */
import { lstatSync, readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { Measurement } from "../../plugin/types.ts";
import { entryPath } from "./extract-archive.ts";

export const MAX_FOLDED_BYTES = 4 * 2 ** 20;

/** The file `path` names inside `folder`: relative to it, or the benchmark machine's absolute path inside its profile folder. */
function inside(folder: string, path: string, recordedFolder?: string): string | undefined {
  if (!isAbsolute(path)) return entryPath(folder, path);
  return recordedFolder ? entryPath(folder, relative(recordedFolder, path)) : undefined;
}

export function keepFoldedStacks(folder: string, measurements: Measurement[], recordedFolder?: string): Measurement[] {
  return measurements.map((m) => ({
    ...m,
    benchmarks: m.benchmarks.map((b) => {
      const path = b.detail?.folded;
      if (typeof path !== "string" || typeof b.detail?.foldedStacks === "string") return b;
      const file = inside(folder, path, recordedFolder);
      if (!file) return b;
      try {
        const st = lstatSync(file);
        if (!st.isFile() || st.size > MAX_FOLDED_BYTES) return b;
        return { ...b, detail: { ...b.detail, foldedStacks: readFileSync(file, "utf8") } };
      } catch {
        return b; // no stacks costs the flame graph, not the results
      }
    }),
  }));
}
