/**
 * The headline statistic of a measurement: the one number the results table, compare, the HTML
 * report, the Markdown summary and the exports all show for a benchmark, as its mode declares it
 * (`ModeSpec.headline`). Other statistics stay available by name (`compare --stat <key>`,
 * `export --format csv`, `runs --json`).
 *
 * @module
 */
import type { BenchmarkResult, Column, Headline, Measurement } from "../plugin/types.ts";
import { rulesOf } from "./mode-rules.ts";

/** The headline of a measurement's mode, if it declares one. */
export function headlineOf(m: Pick<Measurement, "instrument" | "rules">): Headline | undefined {
  return rulesOf(m)?.headline;
}

/** The headline value of a benchmark in the column's unit, or null when the run lacks it. */
/** The metric a history chart shows: the headline's stored key (e.g. a median in ns), so it matches the table. */
export function chartMetricOf(m: Pick<Measurement, "instrument" | "rules" | "columns">): string {
  return headlineOf(m)?.keys[0] ?? m.columns[0]?.key ?? "time";
}

export function headlineValue(h: Headline | undefined, b: BenchmarkResult | undefined): number | null {
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
  const h = headlineOf(m);
  if (!h) return m.columns.map(plain);
  const headline: ViewColumn = { ...h.column, value: (b) => headlineValue(h, b) };
  const relative = (c: Column): ViewColumn => ({
    ...c,
    value: (b) => {
      const [from, base] = [b.metrics[h.relative!.from], headlineValue(h, b)];
      return typeof from === "number" && base ? ((from * h.scale) / base) * 100 : b.metrics[c.key];
    },
  });
  const rest = m.columns.filter((c) => c.key !== (h.replaces ?? h.column.key)).map((c) => (c.key === h.relative?.key ? relative(c) : plain(c)));
  return [headline, ...rest];
}
