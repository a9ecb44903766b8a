/**
 * A metric's exported value, read the way its mode's rules say: the headline metric through the
 * headline's keys (e.g. a median stored in ns), the others as stored; then the export scale.
 *
 * @module
 */
import type { BenchmarkResult, MeasurementRules, MetricRule } from "../plugin/types.ts";
import { headlineValue } from "../results/headline.ts";

export function num(b: BenchmarkResult, k: string | undefined): number | undefined {
  const v = k === undefined ? undefined : b.metrics[k];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function exportValue(rules: MeasurementRules, metric: string, b: BenchmarkResult): number | undefined {
  const scale = rules.metrics[metric]?.export?.scale ?? 1;
  const h = rules.headline;
  if (h?.metric === metric) {
    // The scales are multiplied first: ns × 1e-9 × 1e9 must give back the stored ns exactly.
    const raw = headlineValue({ ...h, scale: h.scale * scale }, b);
    return raw ?? undefined;
  }
  const v = num(b, metric);
  return v === undefined ? undefined : v * scale;
}

/** The quartiles of a statistical metric in its export unit, when both are stored. */
export function exportQuartiles(rule: MetricRule, b: BenchmarkResult): [number, number] | undefined {
  const [q1, q3] = [num(b, rule.stats?.q1), num(b, rule.stats?.q3)];
  if (q1 === undefined || q3 === undefined || !rule.stats) return undefined;
  const f = rule.stats.scale * (rule.export?.scale ?? 1);
  return [q1 * f, q3 * f];
}

/** Metrics with an export rule matching `pick`, in declaration order. */
export function exportedMetrics(rules: MeasurementRules | undefined, pick: (r: MetricRule) => boolean): Array<[string, MetricRule]> {
  return Object.entries(rules?.metrics ?? {}).filter(([, r]) => pick(r));
}
