/**
 * The run report the runner polls (`FetchLocalRunReport`, §5.8 of the reference): status,
 * per-benchmark results in CodSpeed's units, and the head report's impact against the base.
 *
 * @module
 */
import type { BenchmarkResult, Measurement } from "../../plugin/types.ts";
import { headlineOf, headlineValue } from "../../results/headline.ts";
import { executorOfMode, type Project, type Run } from "../model.ts";
import type { Storage } from "../storage/types.ts";
import { compareRun, impactOf } from "./compare.ts";
import { mergeMeasurements } from "./run-record.ts";

const n = (b: BenchmarkResult, k: string): number => (typeof b.metrics[k] === "number" ? (b.metrics[k] as number) : 0);

/**
 * One result in CodSpeed's GraphQL shape: `value` is the mode's headline; the executor blocks
 * (`valgrind`, `walltime`, `memory`) are that schema's field names, filled for the executor the
 * mode declares (the wire's names, like the protocol's enum).
 */
function result(m: Measurement, b: BenchmarkResult) {
  const executor = executorOfMode(m.instrument);
  const common = { benchmark: { name: b.name, executor }, valgrind: null, walltime: null, memory: null, value: headlineValue(headlineOf(m), b) ?? 0 };
  if (executor === "memory") {
    return { ...common, memory: { peakMemory: String(n(b, "peak_bytes")), totalAllocated: String(n(b, "total_allocated_bytes")), allocCalls: String(n(b, "alloc_count")) } };
  }
  if (executor === "walltime") return { ...common, walltime: { iterations: n(b, "iterations"), stdev: n(b, "stdev_ns") / 1e9, totalTime: n(b, "total_time") } };
  return common;
}

export function reportUrl(baseUrl: string, project: Project, run: Run): string {
  return `${baseUrl}/api/v1/projects/${encodeURIComponent(project.owner)}/${encodeURIComponent(project.repo)}/runs/${run.id}`;
}

export async function runReport(storage: Storage, project: Project, run: Run, baseUrl: string) {
  const url = reportUrl(baseUrl, project, run);
  if (run.status !== "COMPLETED") return { settings: { allowedRegression: null }, run: { id: run.id, status: run.status, url, headReports: [], results: [] } };
  const parts = await storage.runResults(run.id);
  const c = await compareRun(storage, project, run);
  const conclusion = c.verdict === "no-base" ? "MissingBaseRun" : c.verdict === "fail" ? "Failure" : "Success";
  return {
    settings: { allowedRegression: c.thresholds.value.default },
    run: {
      id: run.id,
      status: run.status,
      url,
      headReports: [{ id: run.id, impact: impactOf(c), conclusion }],
      results: mergeMeasurements(parts).flatMap((m) => m.benchmarks.map((b) => result(m, b))),
    },
  };
}
