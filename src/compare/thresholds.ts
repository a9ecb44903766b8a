/**
 * Thresholds as code: the `thresholds` key of the config, validated here (the config loader keeps
 * it as `unknown`). Percentages are written `5%` or `5` and held as fractions (0.05).
 *
 * @example
 * ```yaml
 * thresholds:
 *   default: 5%                 # allowed regression of every gated metric
 *   gate: [simulation.time, walltime.time, memory.peak_bytes]   # gated metrics (default: what the modes' rules gate)
 *   metrics:                    # per metric: `<metric>` or `<instrument>.<metric>`; a listed metric is gated
 *     simulation.ir: 1%
 *     memory.total_allocated_bytes: 10%
 *   benchmarks:                 # per benchmark, by glob on its name or uri; first match wins
 *     "parse *": 20%            # a bare value replaces `default` for these benchmarks
 *     "bench/io.ts::*":
 *       walltime.time: off      # `off` stops gating a metric
 *       default: 15%
 *   noise:                      # walltime verdict (Welch's t-test)
 *     alpha: 0.01
 *     min_effect: 3%
 *   missing: fail               # a base benchmark absent from the head fails the check (or `warn`)
 *   no_base: fail               # no base run fails the check (or `pass`, like --allow-no-base)
 * ```
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import type { MeasurementRules } from "../plugin/types.ts";
import { rulesOf } from "../results/mode-rules.ts";
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, type NoiseOptions } from "./stats.ts";

const Percent = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*\d+(\.\d+)?\s*%?\s*$/, "Expected a percentage such as \"5%\""))]),
  v.transform((x) => (typeof x === "number" ? x : Number.parseFloat(x)) / 100),
  v.minValue(0, "Expected a percentage of 0 or more"),
);
const Limit = v.union([v.literal("off"), Percent]);
const MetricLimits = v.record(v.string(), Limit);

export const ThresholdsSchema = v.strictObject({
  default: v.optional(v.pipe(Percent, v.description("Allowed regression of every gated metric")), 5),
  gate: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.regex(/^[\w-]+\.\w+$/, "Expected `<instrument>.<metric>`"))),
      v.description("Metrics gated by default (default: those each mode's metric rules gate)"),
    ),
  ),
  metrics: v.optional(MetricLimits, {}),
  benchmarks: v.optional(v.record(v.string(), v.union([Limit, MetricLimits])), {}),
  noise: v.optional(
    v.strictObject({
      alpha: v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(1)), DEFAULT_ALPHA),
      min_effect: v.optional(Percent, DEFAULT_MIN_EFFECT * 100),
    }),
    {},
  ),
  missing: v.optional(
    v.pipe(v.picklist(["fail", "warn"], 'Expected "fail" or "warn"'), v.description("A benchmark of the base missing from the head: fails the check, or only warns")),
    "fail",
  ),
  no_base: v.optional(
    v.pipe(v.picklist(["fail", "pass"], 'Expected "fail" or "pass"'), v.description("No base run to compare with: fails the check, or passes it (like --allow-no-base)")),
    "fail",
  ),
});

export type Thresholds = v.InferOutput<typeof ThresholdsSchema>;

/** The keys a strict object of the schema accepts, by the dot path of the object. */
function knownKeys(path: string): string[] {
  const node = path === "" ? ThresholdsSchema : path === "noise" ? ThresholdsSchema.entries.noise.wrapped : undefined;
  return node ? Object.keys(node.entries) : [];
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function issueLine(i: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(i);
  const where = `thresholds${path ? "." + path : ""}`;
  if (i.type !== "strict_object" || !path) return `${where}: ${i.message}`;
  const key = path.split(".").at(-1)!;
  const known = knownKeys(path.split(".").slice(0, -1).join("."));
  const near = known.map((k) => [k, distance(key, k)] as const).filter(([, d]) => d <= 2).sort((a, b) => a[1] - b[1])[0];
  return `${where}: unknown key "${key}"${near ? ` (did you mean "${near[0]}"?)` : ""}; expected one of ${known.map((k) => `"${k}"`).join(", ")}`;
}

/** Validates the raw `thresholds` config value; `undefined` gives the defaults. */
export function parseThresholds(raw: unknown): Thresholds {
  const r = v.safeParse(ThresholdsSchema, raw ?? {});
  if (r.success) return r.output;
  const lines = r.issues.map(issueLine);
  throw new PacerError("E_CONFIG", `Invalid "thresholds" in the config:\n  ${lines.join("\n  ")}`, {
    hint: "See the Thresholds section of the README for the accepted form",
  });
}

/** Overrides the top-level default (e.g. from `--threshold 10%`). */
export function withDefault(t: Thresholds, percent: string): Thresholds {
  return { ...t, default: parseThresholds({ default: percent }).default };
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/**
 * Allowed regression (fraction) of one metric of one benchmark, or undefined when it is not gated.
 * Order: the first matching `benchmarks` entry (`<instrument>.<metric>`, `<metric>`, `default`),
 * then `metrics`, then `default` when the metric is in `gate`.
 */
export function allowedRegression(
  t: Thresholds,
  b: { name: string; uri: string },
  instrument: string,
  metric: string,
  rules: MeasurementRules | undefined = rulesOf({ instrument }),
): number | undefined {
  const keys = [`${instrument}.${metric}`, metric];
  const gated = t.gate ? t.gate.includes(`${instrument}.${metric}`) : rules?.metrics[metric]?.gate === true;
  const entry = Object.entries(t.benchmarks).find(([g]) => globToRegExp(g).test(b.name) || globToRegExp(g).test(b.uri))?.[1];
  let fallback = t.default;
  if (entry !== undefined) {
    if (typeof entry === "object") {
      for (const k of keys) if (k in entry) return entry[k] === "off" ? undefined : entry[k];
      if (entry.default !== undefined) {
        if (entry.default === "off") return undefined;
        fallback = entry.default;
      }
    } else if (entry === "off") return undefined;
    else fallback = entry;
  }
  for (const k of keys) if (k in t.metrics) return t.metrics[k] === "off" ? undefined : t.metrics[k];
  return gated ? fallback : undefined;
}

/** Walltime noise options of the thresholds. */
export function noiseOptions(t: Thresholds): NoiseOptions {
  return { alpha: t.noise.alpha, minEffect: t.noise.min_effect };
}
