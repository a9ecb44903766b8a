/**
 * The Markdown summary of a run (and its comparison): for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`. GitHub renders no colours, so verdicts carry an emoji.
 *
 * @module
 */
import type { Comparison, MetricDiff } from "../compare/diff.ts";
import { formatChange, formatMetric, metricLabel } from "../compare/format.ts";
import { describe } from "../compare/render-text.ts";
import type { RunRecord } from "../results/run-record.ts";
import { formatCell } from "../results/table.ts";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function icon(r: MetricDiff): string {
  if (r.regression) return "❌";
  if (r.verdict === "slower") return "⚠️";
  if (r.verdict === "faster") return "🚀";
  if (r.verdict === "new") return "🆕";
  if (r.verdict === "missing") return "❔";
  return "✅";
}

export function markdownSummary(head: RunRecord, c?: Comparison): string {
  const out = [`## pacer: ${head.mode} run ${describe(head)}`, ""];
  if (c) {
    out.push(
      c.regressions.length
        ? `**❌ ${c.regressions.length} regression${c.regressions.length > 1 ? "s" : ""}** against ${describe(c.base)}`
        : `**✅ No regression** against ${describe(c.base)}`,
      "",
    );
    for (const w of c.warnings) out.push(`> ⚠️ ${cell(w)}`, "");
    out.push("| | Benchmark | Metric | Base | Head | Change | Verdict |", "|---|---|---|--:|--:|--:|---|");
    for (const r of c.rows) {
      const allowed = r.allowed === undefined ? "" : ` (max +${(r.allowed * 100).toFixed(1)}%)`;
      out.push(`| ${icon(r)} | ${cell(r.name)} | ${r.instrument} ${metricLabel(r)} | ${formatMetric(r.metric, r.base)} | ${formatMetric(r.metric, r.head)} | ${formatChange(r.change)} | ${r.verdict}${allowed} |`);
    }
    out.push("");
  }
  for (const m of head.measurements) {
    out.push(`### ${m.title} Instrument`, "", `| Benchmark | ${m.columns.map((col) => cell(col.label)).join(" | ")} |`, `|---|${m.columns.map(() => "--:").join("|")}|`);
    for (const b of m.benchmarks) out.push(`| ${cell(b.name)} | ${m.columns.map((col) => cell(formatCell(col, b.metrics[col.key]))).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}
