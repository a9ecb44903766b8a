/**
 * Real runs captured from pacer: a simulation run of two fib benchmarks (with the simulation
 * plugin's `detail.functions`) and a walltime folded-stacks file.
 */
import { readFileSync } from "node:fs";
import type { RunRecord } from "../../src/results/run-record.ts";

export const FIXTURES = `${import.meta.dir}/../fixtures/history`;

export function simulationRun(): RunRecord {
  return JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(`${FIXTURES}/simulation-run.json.gz`)))) as RunRecord;
}

/** The same run with every cost of `name` multiplied by `factor` and a new id/commit. */
export function slowedRun(run: RunRecord, name: string, factor: number, id: string, commit: string): RunRecord {
  const copy = structuredClone(run);
  copy.id = id;
  copy.git = { ...copy.git, commit, dirty: false };
  copy.startedAt = new Date(Date.parse(run.startedAt) + 60_000).toISOString();
  for (const m of copy.measurements) {
    for (const b of m.benchmarks) {
      if (b.name !== name) continue;
      for (const [k, v] of Object.entries(b.metrics)) if (typeof v === "number" && !k.endsWith("_pct")) b.metrics[k] = v * factor;
      const fns = b.detail?.functions as Array<{ self: number[]; inclusive: number[] }> | undefined;
      // Make the first function heavier only, so the differential graph has something to colour.
      if (fns?.[0]) fns[0].inclusive = fns[0].inclusive.map((x) => x * factor);
    }
  }
  return copy;
}
