/**
 * The headline statistic of each built-in instrument: the one number the results table, compare,
 * the HTML report, the Markdown summary and the exports all show for a benchmark. Other statistics
 * stay available by name (`compare --stat <key>`, `export --format csv`, `runs --json`).
 *
 * - simulation: `time`, the simulated time from callgrind's counts (deterministic).
 * - walltime: the **median** per-iteration round time (`median_ns`). compare's t-test uses the
 *   median as its location (see src/compare/stats.ts), because rounds are heavy-tailed: a few
 *   descheduled rounds move the mean by tens of per cent, and the best round is the one least like
 *   what users see. Showing the best or the mean next to a median-based verdict would contradict it.
 * - memory: `peak_bytes`, the peak of live heap bytes.
 *
 * @module
 */
import type { BenchmarkResult, Column, Measurement } from "../plugin/types.ts";

export interface Headline {
  /** The metric key compare gates and reports (`<instrument>.<metric>` in the thresholds). */
  metric: string;
  /** Where the value is read from, in order (walltime falls back to the mean on old records). */
  keys: string[];
  /** Multiplies the stored value into the column's unit (walltime stores ns, tables show seconds). */
  scale: number;
  column: Column;
  /** A plugin column this headline replaces in tables (walltime's best time). */
  replaces?: string;
  /**
   * A percentage column the plugin computes relative to the replaced statistic; tables show it
   * relative to the headline instead: `key` = `from` / headline × 100 (walltime's StdDev).
   */
  relative?: { key: string; from: string };
  /** What the number is, for documentation and the report. */
  statistic: string;
}

export const HEADLINES: Record<string, Headline> = {
  simulation: {
    metric: "time",
    keys: ["time"],
    scale: 1,
    column: { key: "time", label: "Time", unit: "seconds" },
    statistic: "simulated time from the instruction and cache counts (deterministic)",
  },
  walltime: {
    metric: "time",
    keys: ["median_ns", "mean_ns"],
    scale: 1e-9,
    column: { key: "time", label: "Time (median)", unit: "seconds" },
    replaces: "time",
    relative: { key: "rel_stdev", from: "stdev_ns" },
    statistic: "median of the per-iteration round times",
  },
  memory: {
    metric: "peak_bytes",
    keys: ["peak_bytes"],
    scale: 1,
    column: { key: "peak_bytes", label: "Peak memory", unit: "bytes" },
    statistic: "peak live heap bytes",
  },
};

/** The headline value of a benchmark in the column's unit, or null when the run lacks it. */
export function headlineValue(instrument: string, b: BenchmarkResult | undefined): number | null {
  const h = HEADLINES[instrument];
  if (!h || !b) return null;
  for (const k of h.keys) {
    const v = b.metrics[k];
    if (typeof v === "number" && Number.isFinite(v)) return v * h.scale;
  }
  return null;
}

/** A table column with how to read its cell from a benchmark. */
export interface ViewColumn extends Column {
  value(b: BenchmarkResult): number | string | null | undefined;
}

/**
 * The columns every table shows for `m`: the headline first (replacing the plugin's column of the
 * same quantity), then the plugin's other columns.
 */
export function tableColumns(m: Measurement): ViewColumn[] {
  const plain = (c: Column): ViewColumn => ({ ...c, value: (b) => b.metrics[c.key] });
  const h = HEADLINES[m.instrument];
  if (!h) return m.columns.map(plain);
  const headline: ViewColumn = { ...h.column, value: (b) => headlineValue(m.instrument, b) };
  const relative = (c: Column): ViewColumn => ({
    ...c,
    value: (b) => {
      const [from, base] = [b.metrics[h.relative!.from], headlineValue(m.instrument, b)];
      return typeof from === "number" && base ? ((from * h.scale) / base) * 100 : b.metrics[c.key];
    },
  });
  const rest = m.columns.filter((c) => c.key !== (h.replaces ?? h.column.key)).map((c) => (c.key === h.relative?.key ? relative(c) : plain(c)));
  return [headline, ...rest];
}
