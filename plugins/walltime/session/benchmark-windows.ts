/**
 * The time windows in which perf sampled each benchmark. A window opens when the integration asks
 * to start (before perf is enabled) and closes after perf acknowledged `disable`; the benchmark's
 * URI is the `CurrentBenchmark` that follows. Both event orders are handled: tinybench sends
 * Start, Stop, CurrentBenchmark, markers; vitest sends Start, markers, Stop, CurrentBenchmark.
 *
 * @module
 */

export type TimelineEvent =
  | { kind: "start"; ns: bigint }
  | { kind: "stop"; ns: bigint }
  | { kind: "executed"; ns: bigint; uri: string; pid: number };

export interface BenchmarkWindow {
  uri: string;
  pid: number;
  startNs: bigint;
  endNs: bigint;
}

/** Pairs start/stop into windows and names each with the next `executed` event. */
export function benchmarkWindows(timeline: TimelineEvent[]): BenchmarkWindow[] {
  const out: BenchmarkWindow[] = [];
  const unnamed: Array<{ startNs: bigint; endNs: bigint }> = [];
  let open: bigint | undefined;
  for (const e of timeline) {
    if (e.kind === "start") open ??= e.ns;
    else if (e.kind === "stop") {
      if (open !== undefined) unnamed.push({ startNs: open, endNs: e.ns });
      open = undefined;
    } else {
      // The most recent closed window belongs to this benchmark; older unnamed ones had none.
      const w = unnamed.pop();
      unnamed.length = 0;
      if (w) out.push({ uri: e.uri, pid: e.pid, ...w });
    }
  }
  return out;
}

/** The index of the window holding `ns`, or -1 (windows are sorted and disjoint). */
export function windowOf(windows: BenchmarkWindow[], ns: bigint): number {
  let lo = 0;
  let hi = windows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = windows[mid]!;
    if (ns < w.startNs) hi = mid - 1;
    else if (ns > w.endNs) lo = mid + 1;
    else return mid;
  }
  return -1;
}
