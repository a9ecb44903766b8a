/**
 * Folded stacks (`root;caller;leaf <count>`, the input of flamegraph.pl and of pacer's report)
 * per benchmark, from perf samples and the benchmark windows.
 *
 * @module
 */
import { basename } from "node:path";
import { windowOf, type BenchmarkWindow } from "../session/benchmark-windows.ts";
import type { Frame, Sample } from "../perf/parse-perf-script.ts";

/** A frame's name in a folded stack: the symbol, or `[<module>]` when perf could not name it. */
export function frameName(f: Frame): string {
  const name = f.sym === "[unknown]" || f.sym === "" ? `[${f.dso === "[unknown]" ? "unknown" : basename(f.dso)}]` : f.sym;
  // `;` separates frames in the format; a space before the count is fine.
  return name.replaceAll(";", ":");
}

/** One folded line key for a sample: the process name, then the frames root first. */
export function foldSample(s: Sample): string {
  return [s.comm, ...s.frames.map(frameName).reverse()].join(";");
}

/** Adds one sample to the counts of the window holding it (`out` in the order of `windows`). */
export function foldInto(out: Array<Map<string, number>>, windows: BenchmarkWindow[], s: Sample): void {
  const i = windowOf(windows, s.timeNs);
  if (i < 0) return;
  const key = foldSample(s);
  const m = out[i]!;
  m.set(key, (m.get(key) ?? 0) + 1);
}

/** Counts per folded stack for each window (same order as `windows`). */
export function foldByWindow(samples: Sample[], windows: BenchmarkWindow[]): Array<Map<string, number>> {
  const out = windows.map(() => new Map<string, number>());
  for (const s of samples) foldInto(out, windows, s);
  return out;
}

/** The text of a folded-stacks file, heaviest stacks first. */
export function foldedText(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ${n}\n`).join("");
}
