/**
 * The self-contained HTML report: inline CSS, SVG and a little script (flame graphs: fold or show
 * the harness frames, search, click or Enter to zoom, double-click or Escape to reset); nothing
 * is fetched when it is viewed.
 *
 * @module
 */
import { formatChange, formatMetric, metricLabel } from "../compare/format.ts";
import { describe } from "../compare/render-text.ts";
import { tableColumns } from "../results/headline.ts";
import { formatCell } from "../results/table.ts";
import type { ReportData } from "./build.ts";
import { escapeHtml as e } from "./html-escape.ts";
import { REPORT_CSS, REPORT_JS } from "./assets.ts";

function runFacts(d: ReportData): string {
  const r = d.head;
  const facts: Array<[string, string]> = [
    ["Run", r.id],
    ["Status", r.status],
    ["Mode", r.mode],
    ["Commit", r.git.commit ? `${r.git.commit.slice(0, 12)}${r.git.dirty ? " (dirty)" : ""}` : "-"],
    ["Branch", r.git.branch ?? "-"],
    ["Started", r.startedAt],
    ["Command", r.command],
    ["Machine", `${r.machine.cpuModel}, ${r.machine.cores} cores, ${r.machine.os}, kernel ${r.machine.kernel}`],
    ["Tools", Object.entries(r.machine.tools).map(([k, v]) => `${k} ${v}`).join(", ") || "-"],
  ];
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")}</dl>`;
}

function comparison(d: ReportData): string {
  const c = d.comparison;
  if (!c) return "";
  const summary = c.regressions.length
    ? `<p class="bad">${c.regressions.length} regression${c.regressions.length > 1 ? "s" : ""} beyond the thresholds</p>`
    : `<p class="good">No regression beyond the thresholds</p>`;
  const missing = c.missing.length
    ? `<p class="bad">Missing from the head: ${c.missing.map((m) => `${e(m.name)} <span class="muted">(${e(m.instrument)})</span>`).join(", ")}</p>`
    : "";
  const warnings = c.warnings.map((w) => `<p class="warn">⚠ ${e(w)}</p>`).join("");
  const rows = c.rows
    .map((r) => {
      const cls = r.regression ? "regression" : r.verdict === "slower" ? "slower" : r.verdict === "faster" ? "faster" : "same";
      const allowed = r.allowed === undefined ? "" : ` <span class="muted">(max +${(r.allowed * 100).toFixed(1)}%)</span>`;
      const p = r.statistical && r.p !== undefined ? ` <span class="muted">p=${r.p < 1e-4 ? r.p.toExponential(1) : r.p.toFixed(4)}</span>` : "";
      return `<tr class="${cls}"><td>${e(r.name)}</td><td>${e(r.instrument)}</td><td>${e(metricLabel(r))}</td><td class="num">${e(formatMetric(r.metric, r.base))}</td><td class="num">${e(formatMetric(r.metric, r.head))}</td><td class="num change">${e(formatChange(r.change))}</td><td>${e(r.verdict)}${allowed}${p}</td></tr>`;
    })
    .join("");
  return `<section><h2>Comparison with ${e(describe(c.base))}</h2>${summary}${missing}${warnings}
<table class="comparison"><thead><tr><th>Benchmark</th><th>Instrument</th><th>Metric</th><th>Base</th><th>Head</th><th>Change</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function results(d: ReportData): string {
  return d.head.measurements
    .map((m) => {
      const columns = tableColumns(m);
      const head = `<tr><th>Benchmark</th>${columns.map((c) => `<th>${e(c.label)}</th>`).join("")}</tr>`;
      const rows = m.benchmarks.map((b) => `<tr><td>${e(b.name)}</td>${columns.map((c) => `<td class="num">${e(formatCell(c, c.value(b)))}</td>`).join("")}</tr>`).join("");
      const notes = (m.notes ?? []).map((n) => `<p class="muted">${e(n)}</p>`).join("");
      return `<section><h2>${e(m.title)} Instrument</h2><table class="results"><thead>${head}</thead><tbody>${rows}</tbody></table>${notes}</section>`;
    })
    .join("");
}

function benchmarks(d: ReportData): string {
  return d.sections
    .map((s) => {
      const flame = s.flame
        ? `<h4>${s.differential ? "Differential flame graph (width: head; red grew, blue shrank vs base)" : "Flame graph"}</h4><div class="flame-wrap">${s.flame}</div>`
        : `<p class="muted">No profile was kept for this benchmark.</p>`;
      return `<section class="bench"><h3>${e(s.name)} <span class="muted">${e(s.instrument)} · ${e(s.uri)}</span></h3><h4>${e(s.chartMetric)} over the recorded runs</h4>${s.chart}${flame}</section>`;
    })
    .join("");
}

/** The whole page. */
export function renderHtml(d: ReportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pacer report ${e(d.head.id)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>pacer report</h1>${runFacts(d)}</header>
<main>${comparison(d)}${results(d)}<h2>Benchmarks</h2>${benchmarks(d)}</main>
<footer class="muted">Generated ${e(d.generatedAt)} by pacer ${e(d.head.runnerVersion)}</footer>
<script>${REPORT_JS}</script></body></html>
`;
}
