/**
 * Renders a processed run report (§9 of the reference) as plain lines: the impact of the first head
 * report, one line per benchmark, and the report URL.
 *
 * @module
 */
import { formatBytes, formatCount, formatDuration } from "../results/format.ts";
import type { RunReport, RunResult } from "./poll.ts";

function resultLine(r: RunResult): string {
  const name = r.benchmark.name;
  if (r.memory) {
    const m = r.memory;
    return `${name}: peak ${formatBytes(Number(m.peakMemory))} (total allocated: ${formatBytes(Number(m.totalAllocated))}, ${formatCount(Number(m.allocCalls))} allocations)`;
  }
  if (r.walltime) {
    const w = r.walltime;
    const rel = r.value ? ((w.stdev / r.value) * 100).toFixed(2) : "0.00";
    return `${name}: best ${formatDuration(r.value)} (${formatCount(w.iterations)} iterations, rel. stddev: ${rel}%, total ${formatDuration(w.totalTime)})`;
  }
  return `${name}: ${formatDuration(r.value)}`;
}

/**
 * @example
 * ```ts
 * for (const line of renderRunReport(report)) console.log(line);
 * // Impact: +3% (allowed regression: -5%)
 * // fib(30): 1.2 ms
 * // To see the full report, visit: https://codspeed.io/…
 * ```
 */
export function renderRunReport(report: RunReport): string[] {
  const lines: string[] = [];
  const head = report.headReports[0];
  if (head) {
    if (head.impact !== null && head.impact !== undefined) {
      const pct = Math.round(head.impact * 100);
      const allowed = report.allowedRegression === undefined ? "" : ` (allowed regression: -${Math.round(report.allowedRegression * 100)}%)`;
      lines.push(`Impact: ${pct > 0 ? "+" : ""}${pct}%${allowed}`);
    } else {
      lines.push(`No impact detected, reason: ${head.conclusion}`);
    }
  }
  for (const r of report.results) lines.push(resultLine(r));
  lines.push(`To see the full report, visit: ${report.url}`);
  return lines;
}
