/**
 * The Markdown summary of a run (and its comparison): for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`. GitHub renders no colours, so verdicts carry an emoji. Every name that
 * comes from a benchmark, a branch or a plugin goes through `markdownText`: a summary is rendered
 * by GitHub, and a name must not become a tag, a link or a new table row there.
 *
 * @module
 */
import type { Comparison, MetricDiff } from "../compare/diff.ts";
import { formatChange, formatMetric, metricLabel } from "../compare/format.ts";
import type { GateOutcome } from "../compare/gate.ts";
import { describe } from "../compare/render-text.ts";
import { tableColumns } from "../results/headline.ts";
import { markdownCell, markdownText } from "../results/markdown-text.ts";
import type { RunRecord } from "../results/run-record.ts";
import { formatCell } from "../results/table.ts";

function icon(r: MetricDiff): string {
  if (r.regression) return "❌";
  if (r.verdict === "slower") return "⚠️";
  if (r.verdict === "faster") return "🚀";
  if (r.verdict === "new") return "🆕";
  if (r.verdict === "missing") return "❔";
  return "✅";
}

function verdictLine(c: Comparison, gate?: GateOutcome): string {
  const against = `against ${markdownText(describe(c.base))}`;
  const failures = gate?.failures.length ?? c.regressions.length;
  if (!failures) return `**✅ No regression** ${against}`;
  const missing = failures - c.regressions.length;
  const parts = [
    c.regressions.length ? `${c.regressions.length} regression${c.regressions.length > 1 ? "s" : ""}` : "",
    missing ? `${missing} missing benchmark${missing > 1 ? "s" : ""}` : "",
  ].filter(Boolean);
  return `**❌ ${parts.join(", ")}** ${against}`;
}

export function markdownSummary(head: RunRecord, c?: Comparison, gate?: GateOutcome): string {
  const out = [`## pacer: ${markdownText(head.mode)} run ${markdownText(describe(head))}`, ""];
  if (c) {
    out.push(verdictLine(c, gate), "");
    for (const w of [...c.warnings, ...(gate?.warnings ?? [])]) out.push(`> ⚠️ ${markdownText(w)}`, "");
    out.push("| | Benchmark | Metric | Base | Head | Change | Verdict |", "|---|---|---|--:|--:|--:|---|");
    for (const r of c.rows) {
      const allowed = r.allowed === undefined ? "" : ` (max +${(r.allowed * 100).toFixed(1)}%)`;
      out.push(`| ${icon(r)} | ${markdownCell(r.name)} | ${markdownText(`${r.instrument} ${metricLabel(r)}`)} | ${formatMetric(r.metric, r.base)} | ${formatMetric(r.metric, r.head)} | ${formatChange(r.change)} | ${r.verdict}${allowed} |`);
    }
    out.push("");
  }
  for (const m of head.measurements) {
    const columns = tableColumns(m);
    out.push(`### ${markdownCell(m.title)} Instrument`, "", `| Benchmark | ${columns.map((col) => markdownCell(col.label)).join(" | ")} |`, `|---|${columns.map(() => "--:").join("|")}|`);
    for (const b of m.benchmarks) out.push(`| ${markdownCell(b.name)} | ${columns.map((col) => markdownCell(formatCell(col, col.value(b)))).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}
