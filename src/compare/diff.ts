/**
 * Compares two runs benchmark by benchmark and metric by metric, as each mode's metric rules say
 * (`MetricRule`): "exact" metrics are compared as numbers, "statistical" ones by Welch's t-test on
 * the stored round statistics (see `round-stats.ts`); `better` says which direction improves.
 *
 * A difference is a change (`slower`/`faster`: worse/better) only when it is larger than the row's
 * bound: the allowed regression when the metric is gated, else the thresholds' `default`; a
 * statistical metric also needs a significant test beyond the noise floor. Anything smaller reads
 * `unchanged` everywhere (the change column still shows the exact figure): a −0.08 % walltime
 * move is noise, not a speed-up.
 *
 * @module
 */
import type { BenchmarkResult, MeasurementRules, MetricRule } from "../plugin/types.ts";
import { headlineValue } from "../results/headline.ts";
import { rulesOf } from "../results/mode-rules.ts";
import type { RunRecord } from "../results/run-record.ts";
import { fingerprintDiff } from "./fingerprint.ts";
import { roundStats } from "./round-stats.ts";
import { compareWalltime, type NoiseOptions } from "./stats.ts";
import { allowedRegression, noiseOptions, parseThresholds, type Thresholds } from "./thresholds.ts";

/** `slower`/`faster`: worse/better as the metric's rule says. `within noise`: beyond the bound but not significant (statistical metrics). */
export type DiffVerdict = "faster" | "slower" | "within noise" | "unchanged" | "new" | "missing";

export interface MetricDiff {
  instrument: string;
  name: string;
  uri: string;
  metric: string;
  base: number | null;
  head: number | null;
  /** (head − base) / base; null when a side is missing or base is 0 with head non-zero. */
  change: number | null;
  verdict: DiffVerdict;
  /** Whether the verdict comes from a statistical test rather than an exact comparison. */
  statistical: boolean;
  /** Welch p-value and noise floor, for statistical metrics. */
  p?: number;
  /** Which statistic of the rounds the statistical comparison used (and `base`/`head` hold). */
  location?: "median" | "mean";
  floor?: number;
  /** Allowed regression (fraction) when the metric is gated. */
  allowed?: number;
  /** Smallest |change| that reads as a change: `allowed`, else the default threshold. */
  bound: number;
  regression: boolean;
}

/** A benchmark of the base that the head does not have. */
export interface MissingBenchmark {
  instrument: string;
  name: string;
  uri: string;
  /** Whether one of its metrics is gated: only those can fail the check. */
  gated: boolean;
}

export interface Comparison {
  base: RunRecord;
  head: RunRecord;
  rows: MetricDiff[];
  regressions: MetricDiff[];
  missing: MissingBenchmark[];
  warnings: string[];
}

export interface CompareOptions {
  thresholds?: Thresholds;
  /** Run-to-run coefficient of variation of a statistical metric (its stored location `keys`), from the history. */
  runToRunCv?: (uri: string, instrument?: string, keys?: string[]) => number | undefined;
  /** More metrics to show, by key (`compare --stat mean_ns`): compared exactly, not gated. */
  extraMetrics?: string[];
}

/** Compares `head` against `base`. */
export function compareRuns(base: RunRecord, head: RunRecord, opts: CompareOptions = {}): Comparison {
  const t = opts.thresholds ?? parseThresholds(undefined);
  const warnings: string[] = [];
  const machine = fingerprintDiff(base.machine, head.machine);
  if (machine.length) warnings.push(`The runs were made on different machines, timings may not be comparable: ${machine.join(", ")}`);
  for (const r of [base, head]) if (r.status !== "ok") warnings.push(`Run "${r.id}" is ${r.status}, its results may be incomplete`);
  if (head.git.dirty) warnings.push(`Run "${head.id}" was made with uncommitted changes`);

  const rows: MetricDiff[] = [];
  const missing: MissingBenchmark[] = [];
  const instruments = [...new Set([...base.measurements, ...head.measurements].map((m) => m.instrument))];
  for (const instrument of instruments) {
    const rules = rulesOf([...head.measurements, ...base.measurements].find((m) => m.instrument === instrument)!);
    const b = byUri(base, instrument);
    const h = byUri(head, instrument);
    for (const uri of new Set([...b.keys(), ...h.keys()])) {
      const bb = b.get(uri);
      const hb = h.get(uri);
      const ref = (hb ?? bb)!;
      const metrics = metricsOf(t, instrument, rules, ref, opts.extraMetrics ?? [], bb, hb);
      for (const metric of metrics) {
        const allowed = allowedRegression(t, ref, instrument, metric, rules);
        const stats = rules?.metrics[metric]?.stats;
        const keys = stats ? [stats.median, stats.mean].filter((k): k is string => !!k) : [];
        const noise: NoiseOptions = { ...noiseOptions(t), runToRunCv: opts.runToRunCv?.(uri, instrument, keys) };
        rows.push(diffMetric(instrument, rules, ref, metric, bb, hb, { allowed, bound: allowed ?? t.default, noise }));
      }
      if (bb && !hb) missing.push({ instrument, name: bb.name, uri, gated: metrics.some((m) => allowedRegression(t, bb, instrument, m, rules) !== undefined) });
    }
  }
  return { base, head, rows, regressions: rows.filter((r) => r.regression), missing, warnings };
}

function byUri(r: RunRecord, instrument: string): Map<string, BenchmarkResult> {
  return new Map(r.measurements.filter((m) => m.instrument === instrument).flatMap((m) => m.benchmarks.map((b) => [b.uri, b] as const)));
}

/** The mode's shown metrics (all present ones when it declares none), the gated ones and `extra`. */
function metricsOf(
  t: Thresholds,
  instrument: string,
  rules: MeasurementRules | undefined,
  ref: BenchmarkResult,
  extra: string[],
  ...sides: Array<BenchmarkResult | undefined>
): string[] {
  const present = new Set(sides.flatMap((s) => (s ? Object.keys(s.metrics).filter((k) => typeof s.metrics[k] === "number") : [])));
  const declared = Object.entries(rules?.metrics ?? {}).filter(([, r]) => r.shown).map(([k]) => k);
  // A metric computed from others (the headline) counts as present when its keys are.
  if (rules?.headline && sides.some((s) => headlineValue(rules.headline, s) !== null)) present.add(rules.headline.metric);
  const shown = declared.length ? declared : [...present];
  const gated = [...present].filter((m) => allowedRegression(t, ref, instrument, m, rules) !== undefined);
  return [...new Set([...shown, ...gated, ...extra])].filter((m) => present.has(m));
}

function num(b: BenchmarkResult | undefined, key: string): number | null {
  const v = b?.metrics[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function diffMetric(
  instrument: string,
  rules: MeasurementRules | undefined,
  ref: BenchmarkResult,
  metric: string,
  bb: BenchmarkResult | undefined,
  hb: BenchmarkResult | undefined,
  o: { allowed: number | undefined; bound: number; noise: NoiseOptions },
): MetricDiff {
  const row: MetricDiff = {
    instrument, name: ref.name, uri: ref.uri, metric, base: num(bb, metric), head: num(hb, metric),
    change: null, verdict: "unchanged", statistical: false, allowed: o.allowed, bound: o.bound, regression: false,
  };
  const rule: MetricRule = rules?.metrics[metric] ?? { compare: "exact", better: "lower" };
  const headline = rules?.headline?.metric === metric ? rules.headline : undefined;
  // Which way is worse: a rise for costs, a fall for "higher is better".
  const sign = rule.better === "higher" ? -1 : 1;
  const stats = rule.compare === "statistical" && rule.stats ? roundStats(rule.stats, bb, hb) : undefined;
  if (stats) {
    // The values shown are the statistic the test compared (e.g. the median), in the metric's unit.
    const w = compareWalltime(stats[0], stats[1], o.noise);
    const beyond = Math.abs(w.change) > o.bound;
    const significant = w.verdict !== "within noise";
    const verdict = !beyond || Math.abs(w.change) < w.floor ? "unchanged" : significant ? (w.change * sign > 0 ? "slower" : "faster") : w.verdict;
    const scale = rule.stats!.scale;
    Object.assign(row, { base: stats[0].mean * scale, head: stats[1].mean * scale, change: w.change, verdict, statistical: true, p: w.p, floor: w.floor, location: stats[2] });
  } else if (headline) {
    // Without round statistics, show the headline and compare it exactly.
    const k = rule.stats;
    const location = k?.median && num(bb, k.median) !== null ? "median" : k && num(bb, k.mean) !== null ? "mean" : undefined;
    Object.assign(row, { base: headlineValue(headline, bb) ?? num(bb, metric), head: headlineValue(headline, hb) ?? num(hb, metric), location });
  }
  if (row.base === null || row.head === null) return { ...row, change: null, verdict: row.base === null ? "new" : "missing" };
  if (!row.statistical) {
    row.change = row.base === 0 ? (row.head === 0 ? 0 : null) : (row.head - row.base) / row.base;
    const beyond = row.change === null ? row.head !== row.base : Math.abs(row.change) > o.bound;
    row.verdict = !beyond ? "unchanged" : (row.head - row.base) * sign > 0 ? "slower" : "faster";
  }
  const worse = row.verdict === "slower" && (row.change === null || row.change * sign > (o.allowed ?? Infinity));
  return { ...row, regression: o.allowed !== undefined && worse };
}
