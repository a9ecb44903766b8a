/**
 * The server's adapter to the shared run page: a stored run, its comparison (the base the server
 * chose, or one named) and per benchmark its history chart and flame graph, as `ReportData`.
 *
 * Flame graphs come from the results as stored: the folded stacks processing kept
 * (`detail.foldedStacks`, processing/keep-folded.ts) or callgrind's per-function costs
 * (`detail.functions`), which travel inside the run record.
 *
 * @module
 */
import { formatMetric } from "../../compare/format.ts";
import type { BenchmarkResult } from "../../plugin/types.ts";
import { rulesOf } from "../../results/mode-rules.ts";
import type { BenchmarkSection, ReportData } from "../../report/build.ts";
import { flameSvg } from "../../report/flame-svg.ts";
import { readFunctions, treeFromFolded, treeFromFunctions, type FlameNode } from "../../report/flame-tree.ts";
import { historyChart } from "../../dashboard/history-chart.ts";
import type { Project, Run } from "../model.ts";
import { compareRun } from "../services/compare.ts";
import { toRunRecord } from "../services/run-record.ts";
import type { Storage } from "../storage/types.ts";
import { benchmarkPoints, metricOf } from "./history.ts";
import { linksFor } from "./urls.ts";

function flameOf(b: BenchmarkResult | undefined): FlameNode | undefined {
  const folded = b?.detail?.foldedStacks;
  if (typeof folded === "string") {
    const tree = treeFromFolded(folded, b!.name);
    if (tree.value > 0) return tree;
  }
  const fns = readFunctions(b?.detail?.functions);
  if (!fns?.length) return undefined;
  const tree = treeFromFunctions(fns, b!.name);
  return tree.value > 0 ? tree : undefined;
}

export async function runData(storage: Storage, project: Project, run: Run, baseId?: string): Promise<ReportData> {
  const head = toRunRecord(run, await storage.runResults(run.id));
  const c = run.status === "COMPLETED" ? await compareRun(storage, project, run, baseId) : undefined;
  const links = linksFor(project);
  const sections: BenchmarkSection[] = [];
  let n = 0;
  for (const m of head.measurements) {
    const metric = metricOf(m);
    for (const b of m.benchmarks) {
      const points = (await benchmarkPoints(storage, project, b.uri, { mode: run.mode, until: run.createdAt })).slice(-50);
      const tree = flameOf(b);
      const baseBench = c?.comparison?.base.measurements.find((x) => x.instrument === m.instrument)?.benchmarks.find((x) => x.uri === b.uri);
      const baseTree = tree ? flameOf(baseBench) : undefined;
      sections.push({
        instrument: m.instrument,
        name: b.name,
        uri: b.uri,
        chartMetric: metric,
        chart: historyChart(points.map((p) => ({ ...p, href: links.run!(p.runId) })), (v) => formatMetric(metric, v), run.id),
        flame: tree ? flameSvg(tree, { base: baseTree, unit: rulesOf(m)?.flameUnit, id: `flame-${n++}` }) : undefined,
        differential: !!baseTree,
      });
    }
  }
  return {
    head,
    comparison: c?.comparison,
    sections,
    generatedAt: new Date().toISOString(),
    ...(c ? { baseChoice: { runId: c.base.run?.id, branch: c.base.branch, strategy: c.base.strategy, reason: c.base.reason, verdict: c.verdict, failures: c.failures } } : {}),
  };
}
