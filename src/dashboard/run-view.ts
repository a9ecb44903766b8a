/**
 * The pieces of a run's page, shared by `pacer report` (a local file) and `pacer serve`: the
 * run's facts, a results table per instrument, the comparison with its base, and a section per
 * benchmark (history chart, flame graph).
 *
 * @module
 */
import { formatChange, formatMetric, metricLabel } from "../compare/format.ts";
import { describe } from "../compare/render-text.ts";
import { tableColumns } from "../results/headline.ts";
import { formatCell } from "../results/table.ts";
import type { ReportData } from "../report/build.ts";
import { escapeHtml as e } from "../report/html-escape.ts";
import type { Links } from "./links.ts";

const link = (href: string | undefined, text: string) => (href ? `<a href="${e(href)}">${e(text)}</a>` : e(text));

export function runFacts(d: ReportData): string {
  const r = d.head;
  const facts: Array<[string, string]> = [
    ["Run", r.id],
    ["Status", r.status],
    ["Mode", r.mode],
    ["Commit", r.git.commit ? `${r.git.commit.slice(0, 12)}${r.git.dirty ? " (dirty)" : ""}` : "-"],
    ["Branch", r.git.branch ?? "-"],
    ["Started", r.startedAt],
    ...(r.command ? [["Command", r.command] as [string, string]] : []),
    ["Machine", `${r.machine.cpuModel}, ${r.machine.cores} cores, ${r.machine.os}, kernel ${r.machine.kernel}`],
    ["Tools", Object.entries(r.machine.tools ?? {}).map(([k, v]) => `${k} ${v}`).join(", ") || "-"],
  ];
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")}</dl>`;
}

function baseChoice(d: ReportData, links: Links): string {
  const b = d.baseChoice;
  if (!b) return "";
  const verdict = b.verdict ? `<p>Verdict: <strong class="verdict-${e(b.verdict)}">${e(b.verdict)}</strong></p>` : "";
  const base = b.runId ? `Base: ${link(links.run?.(b.runId), b.runId)} on branch <code>${e(b.branch)}</code>` : `No base on branch <code>${e(b.branch)}</code>`;
  return `<div class="base-choice">${verdict}<p>${base} <span class="muted">(${e(b.strategy)})</span></p><p class="muted">${e(b.reason)}</p>${(b.failures ?? []).map((f) => `<p class="bad">${e(f)}</p>`).join("")}</div>`;
}

export function comparisonView(d: ReportData, links: Links): string {
  const c = d.comparison;
  if (!c) return d.baseChoice ? `<section aria-labelledby="cmp"><h2 id="cmp">Comparison</h2>${baseChoice(d, links)}</section>` : "";
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
      return `<tr class="${cls}"><td>${link(links.benchmark?.(r.instrument, r.uri), r.name)}</td><td>${e(r.instrument)}</td><td>${e(metricLabel(r))}</td><td class="num">${e(formatMetric(r.metric, r.base))}</td><td class="num">${e(formatMetric(r.metric, r.head))}</td><td class="num change">${e(formatChange(r.change))}</td><td>${e(r.verdict)}${allowed}${p}</td></tr>`;
    })
    .join("");
  const title = links.run ? `Comparison with ${link(links.run(c.base.id), describe(c.base))}` : `Comparison with ${e(describe(c.base))}`;
  return `<section aria-labelledby="cmp"><h2 id="cmp">${title}</h2>${baseChoice(d, links)}${summary}${missing}${warnings}
<table class="comparison"><thead><tr><th>Benchmark</th><th>Instrument</th><th>Metric</th><th>Base</th><th>Head</th><th>Change</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function resultsView(d: ReportData, links: Links): string {
  return d.head.measurements
    .map((m) => {
      const columns = tableColumns(m);
      const head = `<tr><th>Benchmark</th>${columns.map((c) => `<th>${e(c.label)}</th>`).join("")}</tr>`;
      const rows = m.benchmarks.map((b) => `<tr><td>${link(links.benchmark?.(m.instrument, b.uri), b.name)}</td>${columns.map((c) => `<td class="num">${e(formatCell(c, c.value(b)))}</td>`).join("")}</tr>`).join("");
      const notes = (m.notes ?? []).map((n) => `<p class="muted">${e(n)}</p>`).join("");
      return `<section><h2>${e(m.title)} Instrument</h2><table class="results"><thead>${head}</thead><tbody>${rows}</tbody></table>${notes}</section>`;
    })
    .join("");
}

export function benchmarksView(d: ReportData, links: Links): string {
  return d.sections
    .map((s) => {
      const flame = s.flame
        ? `<h4>${s.differential ? "Differential flame graph (width: head; red grew, blue shrank vs base)" : "Flame graph"}</h4><div class="flame-wrap">${s.flame}</div>`
        : `<p class="muted">No profile was kept for this benchmark.</p>`;
      return `<section class="bench"><h3>${link(links.benchmark?.(s.instrument, s.uri), s.name)} <span class="muted">${e(s.instrument)} · ${e(s.uri)}</span></h3><h4>${e(s.chartMetric)} over the recorded runs</h4>${s.chart}${flame}</section>`;
    })
    .join("");
}

/** The body of a run's page: comparison, results, benchmarks. */
export function runBody(d: ReportData, links: Links): string {
  return `${comparisonView(d, links)}${resultsView(d, links)}<h2>Benchmarks</h2>${benchmarksView(d, links)}`;
}
