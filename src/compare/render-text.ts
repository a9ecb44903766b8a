/**
 * The terminal form of a comparison: one line per benchmark and metric, regressions listed last.
 * Names are escaped and elided (src/results/terminal-text.ts), so each row is one bounded line.
 *
 * @module
 */
import { terminalCell, terminalText } from "../results/terminal-text.ts";
import type { Comparison } from "./diff.ts";
import { formatChange, formatMetric, metricLabel, verdictText } from "./format.ts";

const RED = "\x1b[31m";
const GREEN = "\x1b[32m";
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

export function renderComparison(c: Comparison, color = false): string {
  const paint = (s: string, code: string) => (color ? code + s + RESET : s);
  const head = ["Benchmark", "Instrument", "Metric", "Base", "Head", "Change", "Verdict"];
  const rows = c.rows.map((r) => [terminalCell(r.name), terminalCell(r.instrument, 20), metricLabel(r), formatMetric(r.metric, r.base), formatMetric(r.metric, r.head), formatChange(r.change), verdictText(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  // Rows are indented: a line of a CI log that starts with a name such as `::error::…` or
  // `::stop-commands::…` would be read by GitHub Actions as a workflow command.
  const line = (cells: string[]) => "  " + cells.map((s, i) => (i >= 3 && i <= 5 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join("  ").trimEnd();
  const out = [
    `Comparing ${terminalText(describe(c.head))} (head) with ${terminalText(describe(c.base))} (base)`,
    "",
    line(head),
    line(widths.map((w) => "─".repeat(w))),
    ...rows.map((cells, i) => {
      const r = c.rows[i]!;
      const text = line(cells);
      if (r.regression) return paint(text, RED);
      if (r.verdict === "faster") return paint(text, GREEN);
      if (r.verdict === "unchanged" || r.verdict === "within noise") return paint(text, DIM);
      return text;
    }),
  ];
  if (c.missing.length) {
    out.push("", `${c.missing.length} benchmark${c.missing.length > 1 ? "s" : ""} of the base missing from the head:`);
    for (const m of c.missing) out.push(`  - ${terminalCell(m.name)} (${terminalCell(m.instrument, 20)})`);
  }
  if (c.regressions.length) {
    out.push("", paint(`${c.regressions.length} regression${c.regressions.length > 1 ? "s" : ""}:`, RED));
    for (const r of c.regressions) {
      out.push(`  - ${terminalCell(r.name)} (${r.instrument} ${metricLabel(r)}): ${formatChange(r.change)}, allowed +${((r.allowed ?? 0) * 100).toFixed(1)}%`);
    }
  }
  return out.join("\n");
}

/** `20261127-201500-ab12 (main@1a2b3c4, dirty)`. */
export function describe(r: Comparison["head"]): string {
  const where = [r.git.branch && terminalCell(r.git.branch, 40), r.git.commit?.slice(0, 7)].filter(Boolean).join("@");
  return `${r.id}${where ? ` (${where}${r.git.dirty ? ", dirty" : ""})` : ""}`;
}
