/**
 * What `pacer exec` adds to the walltime table from its results' `metadata.exec`: mean user and
 * system CPU time, the comparison to the first command (a column and one sentence per command),
 * and the raw rounds in each benchmark's detail (so `--json` and the exports carry them).
 *
 * @module
 */
import type { Column } from "../../../src/index.ts";
import { describeRelative } from "../../../src/harness/relative.ts";
import type { WalltimeResults } from "./results-json.ts";

export type ExecRounds = NonNullable<NonNullable<WalltimeResults["metadata"]>["exec"]>["benchmarks"][number];

export const EXEC_COLUMNS: Column[] = [
  { key: "user_time", label: "User", unit: "seconds" },
  { key: "system_time", label: "System", unit: "seconds" },
];
export const RELATIVE_COLUMN: Column = { key: "relative", label: "Relative", unit: "count" };

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Extra metrics of one benchmark (seconds, as the table's time columns). */
export function execMetrics(r: ExecRounds): Record<string, number | string> {
  const out: Record<string, number | string> = { user_time: mean(r.user_ns) / 1e9, system_time: mean(r.sys_ns) / 1e9 };
  if (r.relative) {
    out.relative = r.relative.reference === r.name ? "1.00" : `${r.relative.ratio.toFixed(2)} ± ${r.relative.ratio_stddev.toFixed(2)}`;
    out.relative_ratio = r.relative.ratio;
    out.relative_ratio_stddev = r.relative.ratio_stddev;
  }
  return out;
}

/** The benchmark's detail entry: the raw rounds as the harness wrote them. */
export function execDetail(r: ExecRounds): Record<string, unknown> {
  return { exec: r };
}

/** One line per compared command, hyperfine's summary: `b: 2.03 ± 0.05 × slower than a`. */
export function relativeNotes(rounds: ExecRounds[]): string[] {
  const compared = rounds.filter((r) => r.relative);
  if (compared.length < 2) return [];
  return compared.slice(1).map((r) => `${r.name}: ${describeRelative(r.relative!, r.relative!.reference, false)} (means; ± by error propagation of the standard deviations)`);
}
