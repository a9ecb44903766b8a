/**
 * Gathers what the HTML report shows: the run, its comparison, each benchmark's history and flame
 * graph.
 *
 * @module
 */
import type { Comparison } from "../compare/diff.ts";
import { formatMetric } from "../compare/format.ts";
import type { History } from "../history/index.ts";
import type { RunRecord } from "../results/run-record.ts";
import { chartMetricOf } from "../results/headline.ts";
import { rulesOf } from "../results/mode-rules.ts";
import { lineChart } from "./chart-svg.ts";
import { flameSvg } from "./flame-svg.ts";
import { flameTree } from "./flame-source.ts";
import type { FlameNode } from "./flame-tree.ts";
import type { BenchmarkResult, Measurement } from "../plugin/types.ts";

export interface BenchmarkSection {
  instrument: string;
  name: string;
  uri: string;
  chartMetric: string;
  chart: string;
  /** Inline SVG, or undefined when the run kept no profile for it. */
  flame?: string;
  differential: boolean;
}

export interface ReportData {
  head: RunRecord;
  comparison?: Comparison;
  sections: BenchmarkSection[];
  generatedAt: string;
  /** Which base the server chose and why (its pages); a local report names its base in the comparison. */
  baseChoice?: { runId?: string; branch: string; strategy: string; reason: string; verdict?: string; failures?: string[] };
}

/** Where a section's chart and flame trees come from: the local history, or the server's storage. */
export interface SectionSources {
  /** The history chart of one benchmark's `metric` (inline SVG). */
  chart(m: Measurement, b: BenchmarkResult, metric: string): string;
  /** The flame tree of a benchmark of `run` (the head, or the comparison's base). */
  tree(run: RunRecord, m: Measurement, b: BenchmarkResult): FlameNode | undefined;
}

/** One section per benchmark of the head: its chart, and its flame graph (differential against the base's). */
export function benchmarkSections(head: RunRecord, comparison: Comparison | undefined, src: SectionSources): BenchmarkSection[] {
  const sections: BenchmarkSection[] = [];
  let n = 0;
  for (const m of head.measurements) {
    const metric = chartMetricOf(m);
    for (const b of m.benchmarks) {
      const tree = src.tree(head, m, b);
      const baseBench = comparison?.base.measurements.find((x) => x.instrument === m.instrument)?.benchmarks.find((x) => x.uri === b.uri);
      const baseTree = tree && baseBench && comparison ? src.tree(comparison.base, m, baseBench) : undefined;
      sections.push({
        instrument: m.instrument,
        name: b.name,
        uri: b.uri,
        chartMetric: metric,
        chart: src.chart(m, b, metric),
        flame: tree ? flameSvg(tree, { base: baseTree, unit: rulesOf(m)?.flameUnit, id: `flame-${n++}` }) : undefined,
        differential: !!baseTree,
      });
    }
  }
  return sections;
}

export function buildReport(o: { history?: History; head: RunRecord; comparison?: Comparison }): ReportData {
  const sections = benchmarkSections(o.head, o.comparison, {
    chart: (m, b, metric) => {
      const points = o.history?.series(m.instrument, b.uri, metric, { limit: 50, until: o.head.startedAt }) ?? [];
      return lineChart(points, (v) => formatMetric(metric, v), o.head.id);
    },
    tree: (run, m, b) => flameTree(o.history, run, m.instrument, b),
  });
  return { head: o.head, comparison: o.comparison, sections, generatedAt: new Date().toISOString() };
}
