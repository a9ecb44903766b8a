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
import { headlineOf } from "../results/headline.ts";
import { rulesOf } from "../results/mode-rules.ts";
import { lineChart } from "./chart-svg.ts";
import { flameSvg } from "./flame-svg.ts";
import { flameTree } from "./flame-source.ts";


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

export function buildReport(o: { history?: History; head: RunRecord; comparison?: Comparison }): ReportData {
  const sections: BenchmarkSection[] = [];
  let n = 0;
  for (const m of o.head.measurements) {
    // The headline statistic, as stored (e.g. a median in ns), so the chart shows the table's number.
    const metric = headlineOf(m)?.keys[0] ?? m.columns[0]?.key ?? "time";
    for (const b of m.benchmarks) {
      const points = o.history?.series(m.instrument, b.uri, metric, { limit: 50, until: o.head.startedAt }) ?? [];
      const tree = flameTree(o.history, o.head, m.instrument, b);
      const baseBench = o.comparison?.base.measurements.find((x) => x.instrument === m.instrument)?.benchmarks.find((x) => x.uri === b.uri);
      const baseTree = tree && baseBench && o.comparison ? flameTree(o.history, o.comparison.base, m.instrument, baseBench) : undefined;
      sections.push({
        instrument: m.instrument,
        name: b.name,
        uri: b.uri,
        chartMetric: metric,
        chart: lineChart(points, (v) => formatMetric(metric, v), o.head.id),
        flame: tree ? flameSvg(tree, { base: baseTree, unit: rulesOf(m)?.flameUnit, id: `flame-${n++}` }) : undefined,
        differential: !!baseTree,
      });
    }
  }
  return { head: o.head, comparison: o.comparison, sections, generatedAt: new Date().toISOString() };
}
