/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format):
 * `{ "<benchmark>": { "<measure slug>": { value, lower_value?, upper_value? } } }`, keyed by the
 * benchmark's uri. Each mode names its measures (`MetricRule.export.bencher`); a statistical metric
 * carries its quartiles as bounds. A mode that names none exports every numeric metric.
 *
 * @module
 */
import type { BenchmarkResult, Measurement } from "../plugin/types.ts";
import { rulesOf } from "../results/mode-rules.ts";
import type { RunRecord } from "../results/run-record.ts";
import { exportedMetrics, exportQuartiles, exportValue, num } from "./metric-values.ts";

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}
export type Bmf = Record<string, Record<string, BmfMetric>>;

function measuresOf(m: Measurement, b: BenchmarkResult): Record<string, BmfMetric> {
  const out: Record<string, BmfMetric> = {};
  const rules = rulesOf(m);
  const declared = exportedMetrics(rules, (r) => !!r.export?.bencher);
  if (!rules || declared.length === 0) {
    for (const k of Object.keys(b.metrics)) {
      const v = num(b, k);
      if (v !== undefined) out[`${m.instrument}-${k}`.replace(/_/g, "-")] = { value: v };
    }
    return out;
  }
  for (const [metric, rule] of declared) {
    const value = exportValue(rules, metric, b);
    if (value === undefined) continue;
    const q = exportQuartiles(rule, b);
    out[rule.export!.bencher!] = { value, ...(q && q[0] <= value && value <= q[1] ? { lower_value: q[0], upper_value: q[1] } : {}) };
  }
  return out;
}

/** The run's results as BMF JSON. */
export function toBencher(run: RunRecord): Bmf {
  const out: Bmf = {};
  for (const m of run.measurements) {
    for (const b of m.benchmarks) out[b.uri] = { ...out[b.uri], ...measuresOf(m, b) };
  }
  return out;
}
