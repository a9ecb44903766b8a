/**
 * Pairs the benchmarks of the results JSON with the perf windows reported on the FIFO.
 *
 * The FIFO URI cannot always be trusted: @codspeed/vitest-plugin 5.7.1 sends the suite path of the
 * *previous* benchmark (seen here: `::fib 18` for `file::math::fib 18`, then
 * `file::math::top level sort` for `file::top level sort`). Its benchmark name is right, and each
 * process reports benchmarks in the order it writes them, so a result takes the exact URI if one
 * is left, else the next unclaimed window of the same pid whose URI ends with its name.
 *
 * @module
 */
import type { WindowProfile } from "../session/perf-profile.ts";

export interface ResultRef {
  pid: number;
  name: string;
  uri: string;
}

/** For each result (in order), the window it profiles, or undefined. */
export function matchProfiles(results: ResultRef[], windows: WindowProfile[]): Array<WindowProfile | undefined> {
  const used = new Set<number>();
  const take = (i: number) => (i >= 0 ? (used.add(i), windows[i]) : undefined);
  return results.map((r) => {
    const free = (w: WindowProfile, i: number) => !used.has(i) && w.pid === r.pid;
    const exact = windows.findIndex((w, i) => free(w, i) && w.uri === r.uri);
    if (exact >= 0) return take(exact);
    return take(windows.findIndex((w, i) => free(w, i) && (w.uri === r.name || w.uri.endsWith(`::${r.name}`))));
  });
}
