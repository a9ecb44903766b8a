/**
 * The shape of a {@link ModeSpec} a user plugin declares, checked before anything reads it.
 *
 * @module
 */
import * as v from "valibot";
import { UNITS } from "./types.ts";

const fn = v.custom<(...args: unknown[]) => unknown>((x) => typeof x === "function", "expected a function");
const Name = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case mode name like "cpu-time"'));
const Key = v.pipe(v.string(), v.minLength(1));

const MetricRuleSchema = v.object({
  compare: v.picklist(["exact", "statistical"]),
  better: v.picklist(["lower", "higher"]),
  gate: v.optional(v.boolean()),
  shown: v.optional(v.boolean()),
  stats: v.optional(
    v.object({
      mean: Key,
      stdev: Key,
      rounds: Key,
      median: v.optional(Key),
      q1: v.optional(Key),
      q3: v.optional(Key),
      scale: v.pipe(v.number(), v.gtValue(0)),
    }),
  ),
  export: v.optional(
    v.object({
      bencher: v.optional(Key),
      scale: v.optional(v.number()),
      label: v.optional(Key),
      unit: v.optional(v.string()),
      throughput: v.optional(v.boolean()),
    }),
  ),
});

const HeadlineSchema = v.object({
  metric: Key,
  keys: v.pipe(v.array(Key), v.minLength(1)),
  scale: v.pipe(v.number(), v.gtValue(0)),
  column: v.object({ key: Key, label: v.string(), unit: v.picklist(UNITS), digits: v.optional(v.number()) }),
  replaces: v.optional(Key),
  relative: v.optional(v.object({ key: Key, from: Key })),
  statistic: v.string(),
});

export const ModeSpecSchema = v.pipe(
  v.object({
    name: Name,
    aliases: v.optional(v.array(Name)),
    wireName: v.optional(Key),
    executor: v.optional(Key),
    archiveEncoding: v.optional(v.nullable(v.picklist(["gzip", "zstd"]))),
    env: v.optional(v.record(v.string(), v.string())),
    nodeShim: v.optional(v.boolean()),
    harness: v.picklist(["walltime", "analysis"]),
    integration: v.union([v.picklist(["perf", "analysis", "none"]), fn]),
    headline: v.optional(HeadlineSchema),
    metrics: v.record(v.string(), MetricRuleSchema),
    timestampsDir: v.optional(v.picklist(["root", "results"])),
    flameUnit: v.optional(v.string()),
    recognizes: v.optional(fn),
  }),
  v.check((m) => Object.values(m.metrics).every((r) => r.compare !== "statistical" || r.stats), 'a "statistical" metric needs "stats"'),
);
