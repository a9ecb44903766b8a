/**
 * A benchmark's points across the project's completed runs, oldest first: the headline metric as
 * stored (so it formats like the tables) and its rounds' standard deviation when the instrument
 * measured one (walltime's `stdev_ns`, for a metric in ns).
 *
 * @module
 */
import type { HistoryPoint } from "../../dashboard/history-chart.ts";
import type { Project } from "../model.ts";
import type { Storage } from "../storage/types.ts";
import { chartMetricOf } from "../../results/headline.ts";

export interface BenchmarkPoint extends HistoryPoint {
  metric: string;
  instrument: string;
  name: string;
}

export async function benchmarkPoints(storage: Storage, project: Project, uri: string, f: { mode?: string; until?: number } = {}): Promise<BenchmarkPoint[]> {
  const rows = await storage.benchmarkHistory(project.id, uri, { status: "COMPLETED", ...(f.mode ? { mode: f.mode } : {}) });
  const out: BenchmarkPoint[] = [];
  for (const { run, results } of rows) {
    if (f.until !== undefined && run.createdAt > f.until) continue;
    for (const m of results.flatMap((p) => p.measurements)) {
      const b = m.benchmarks.find((x) => x.uri === uri);
      const metric = chartMetricOf(m);
      const value = b?.metrics[metric];
      if (!b || typeof value !== "number") continue;
      const sd = b.metrics.stdev_ns;
      const spread = metric.endsWith("_ns") && typeof sd === "number" && sd > 0 ? sd : undefined;
      out.push({ runId: run.id, commit: run.commit, branch: run.branch, value, metric, instrument: m.instrument, name: b.name, ...(spread ? { spread } : {}) });
      break;
    }
  }
  return out;
}
