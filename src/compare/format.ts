/**
 * Formatting of compared values, shared by the terminal table, Markdown and HTML.
 *
 * @module
 */
import { formatBytes, formatCount, formatDuration } from "../results/format.ts";
import type { MetricDiff } from "./diff.ts";

/** Unit of a metric key, following the naming of the brief (`*_bytes`, `time`, `*_ns`…). */
export function metricUnit(metric: string): "seconds" | "bytes" | "count" | "ns" {
  if (metric === "time" || metric === "sys_time" || metric === "total_time") return "seconds";
  if (metric.endsWith("_bytes")) return "bytes";
  if (metric.endsWith("_ns")) return "ns";
  return "count";
}

export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return "-";
  switch (metricUnit(metric)) {
    case "seconds":
      return formatDuration(value);
    case "ns":
      return formatDuration(value / 1e9);
    case "bytes":
      return formatBytes(value);
    default:
      return formatCount(value);
  }
}

/** `+12.3%`, `-0.8%`, `0%`, or `-` when unknown. */
export function formatChange(change: number | null): string {
  if (change === null) return "-";
  if (change === 0) return "0%";
  const pct = change * 100;
  return `${pct > 0 ? "+" : ""}${Math.abs(pct) < 0.1 ? pct.toPrecision(2) : pct.toFixed(1)}%`;
}

/** Label of a compared metric; walltime `time` is compared by its median (or mean). */
export function metricLabel(row: Pick<MetricDiff, "metric" | "statistical" | "location">): string {
  return row.location ? `${row.metric} (${row.location})` : row.metric;
}

/** Short description of the verdict with the allowed regression when gated. */
export function verdictText(row: MetricDiff): string {
  const gate = row.allowed === undefined ? "" : row.regression ? ` (allowed +${(row.allowed * 100).toFixed(1)}%)` : "";
  const p = row.statistical && row.p !== undefined ? `, p=${row.p < 1e-4 ? row.p.toExponential(1) : row.p.toFixed(4)}` : "";
  return `${row.regression ? "REGRESSION " : ""}${row.verdict}${gate}${p}`;
}
