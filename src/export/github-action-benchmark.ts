/**
 * github-action-benchmark's custom tools (https://github.com/benchmark-action/github-action-benchmark):
 * an array of `{ name, unit, value, range?, extra? }`. Each mode labels the metrics it exports
 * (`MetricRule.export.label`): `customSmallerIsBetter` holds those where lower is better,
 * `customBiggerIsBetter` those where higher is, plus a throughput (1 / value, ops/s) of metrics
 * that ask for one. A statistical metric is shown ± half its interquartile range. A mode that
 * labels none exports every numeric metric as smaller-is-better.
 *
 * @module
 */
import type { BenchmarkResult, Measurement, MetricRule } from "../plugin/types.ts";
import { rulesOf } from "../results/mode-rules.ts";
import type { RunRecord } from "../results/run-record.ts";
import { exportedMetrics, exportQuartiles, exportValue, num } from "./metric-values.ts";

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

function extra(run: RunRecord): string {
  return `run ${run.id}${run.git.commit ? ` @ ${run.git.commit.slice(0, 12)}` : ""}`;
}

function spread(rule: MetricRule, b: BenchmarkResult): { range?: string } {
  const q = exportQuartiles(rule, b);
  return q ? { range: `± ${((q[1] - q[0]) / 2).toFixed(2)}` } : {};
}

function entries(run: RunRecord, m: Measurement, better: MetricRule["better"]): GabEntry[] {
  const rules = rulesOf(m);
  const labelled = exportedMetrics(rules, (r) => !!r.export?.label);
  const out: GabEntry[] = [];
  for (const b of m.benchmarks) {
    if (!rules || labelled.length === 0) {
      if (better === "lower") {
        for (const k of Object.keys(b.metrics)) {
          const v = num(b, k);
          if (v !== undefined) out.push({ name: `${b.uri} - ${k}`, unit: "", value: v, extra: extra(run) });
        }
      }
      continue;
    }
    for (const [metric, rule] of labelled) {
      const value = exportValue(rules, metric, b);
      if (value === undefined) continue;
      if (rule.better === better) {
        out.push({ name: `${b.uri} - ${rule.export!.label}`, unit: rule.export!.unit ?? "", value, ...spread(rule, b), extra: extra(run) });
      }
      if (better === "higher" && rule.export!.throughput && rules.headline?.metric === metric) {
        // Operations per second from the headline in its own unit (seconds).
        const seconds = exportValue({ ...rules, metrics: { [metric]: { ...rule, export: { ...rule.export, scale: 1 } } } }, metric, b);
        if (seconds !== undefined && seconds > 0) out.push({ name: `${b.uri} - throughput`, unit: "ops/s", value: 1 / seconds, extra: extra(run) });
      }
    }
  }
  return out;
}

export function toGabSmaller(run: RunRecord): GabEntry[] {
  return run.measurements.flatMap((m) => entries(run, m, "lower"));
}

export function toGabBigger(run: RunRecord): GabEntry[] {
  return run.measurements.flatMap((m) => entries(run, m, "higher"));
}
