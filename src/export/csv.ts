/**
 * CSV export: one row per benchmark and metric, every numeric statistic by name (`median_ns`,
 * `mean_ns`, `min_ns`…), so any of them can be charted elsewhere. Values are exact: names are
 * quoted per RFC 4180 (quotes doubled), never escaped or cut, so they round-trip unchanged.
 *
 * @module
 */
import { headlineOf } from "../results/headline.ts";
import type { RunRecord } from "../results/run-record.ts";

const HEADER = ["run_id", "commit", "instrument", "benchmark", "uri", "metric", "value", "headline"];

function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(run: RunRecord): string {
  const lines = [HEADER.join(",")];
  for (const m of run.measurements) {
    const headline = headlineOf(m)?.keys[0];
    for (const b of m.benchmarks) {
      for (const [k, v] of Object.entries(b.metrics)) {
        if (typeof v !== "number" || !Number.isFinite(v)) continue;
        lines.push([run.id, run.git.commit ?? "", m.instrument, b.name, b.uri, k, v, k === headline ? "yes" : ""].map(field).join(","));
      }
    }
  }
  return lines.join("\r\n") + "\r\n";
}
