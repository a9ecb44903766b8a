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
import { benchmarkSections, type ReportData } from "../../report/build.ts";
import { treeOf } from "../../report/flame-source.ts";
import { historyChart } from "../../dashboard/history-chart.ts";
import type { Project, Run } from "../model.ts";
import { compareRun } from "../services/compare.ts";
import { toRunRecord } from "../services/run-record.ts";
import type { Storage } from "../storage/types.ts";
import { benchmarkPoints } from "./history.ts";
import { linksFor } from "./urls.ts";

export async function runData(storage: Storage, project: Project, run: Run, baseId?: string): Promise<ReportData> {
  const head = toRunRecord(run, await storage.runResults(run.id));
  const c = run.status === "COMPLETED" ? await compareRun(storage, project, run, baseId) : undefined;
  const links = linksFor(project);
  // The storage is async, the shared section builder is not: each benchmark's points first.
  const points = new Map<string, Awaited<ReturnType<typeof benchmarkPoints>>>();
  for (const uri of new Set(head.measurements.flatMap((m) => m.benchmarks.map((x) => x.uri)))) {
    points.set(uri, (await benchmarkPoints(storage, project, uri, { mode: run.mode, until: run.createdAt })).slice(-50));
  }
  const sections = benchmarkSections(head, c?.comparison, {
    chart: (_m, b, metric) => historyChart((points.get(b.uri) ?? []).map((p) => ({ ...p, href: links.run!(p.runId) })), (v) => formatMetric(metric, v), run.id),
    // Folded stacks as processing kept them (detail.foldedStacks), else callgrind's functions.
    tree: (_run, _m, b) => treeOf(typeof b.detail?.foldedStacks === "string" ? b.detail.foldedStacks : undefined, b),
  });
  return {
    head,
    comparison: c?.comparison,
    sections,
    generatedAt: new Date().toISOString(),
    ...(c ? { baseChoice: { runId: c.base.run?.id, branch: c.base.branch, strategy: c.base.strategy, reason: c.base.reason, verdict: c.verdict, failures: c.failures } } : {}),
  };
}
