/**
 * Renders a {@link Measurement} as the rounded-box table of reference §9, with the header panel
 * `<Title> Instrument`.
 *
 * @module
 */
import type { Column, Measurement } from "../plugin/types.ts";
import { formatBytes, formatCount, formatDuration, formatPercent } from "./format.ts";
import { tableColumns } from "./headline.ts";
import { terminalCell, terminalText } from "./terminal-text.ts";

export function formatCell(col: Column, value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "-";
  if (typeof value === "string") return value;
  switch (col.unit) {
    case "seconds":
      return formatDuration(value, col.digits);
    case "bytes":
      return formatBytes(value);
    case "count":
      return formatCount(value);
    case "percent":
      return formatPercent(value, col.digits);
    default:
      return String(value);
  }
}

const ORANGE = "\x1b[1;38;5;208m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** Visible width (ANSI escapes excluded). */
function width(s: string): number {
  return [...s.replace(/\x1b\[[0-9;]*m/g, "")].length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/**
 * Renders the table; `color` adds the bold/orange styling (use it on a TTY only). Names, labels and
 * text values come from integrations and plugins: they are escaped and elided, so a row is one
 * line of bounded width whatever they hold.
 */
export function renderTable(m: Measurement, color = false): string {
  const columns = tableColumns(m);
  const header = ["Benchmark", ...columns.map((c) => terminalCell(c.label, 30))];
  const rows = m.benchmarks.map((b) => [terminalCell(b.name), ...columns.map((c) => terminalCell(formatCell(c, c.value(b)), 30))]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const inner = widths.reduce((a, w) => a + w + 3, -1);
  // The title spans the whole table, so widen the last column if the title is longer.
  const title = `${terminalCell(m.title, 40)} Instrument`;
  if (width(title) + 2 > inner) widths[widths.length - 1]! += width(title) + 2 - inner;
  const full = widths.reduce((a, w) => a + w + 3, -1);
  const st = (s: string, style: string) => (color ? `${style}${s}${RESET}` : s);
  const line = (l: string, mid: string, r: string) => l + widths.map((w) => "─".repeat(w + 2)).join(mid) + r;
  const out = [
    `╭${"─".repeat(full)}╮`,
    `│ ${pad(st(title, ORANGE), full - 2, false)} │`,
    line("├", "┬", "┤"),
    "│" + header.map((h, i) => ` ${pad(st(h, BOLD), widths[i]!, i > 0)} `).join("│") + "│",
    line("├", "┼", "┤"),
    ...rows.map((r) => "│" + r.map((c, i) => ` ${pad(c, widths[i]!, i > 0)} `).join("│") + "│"),
    line("╰", "┴", "╯"),
  ];
  for (const note of m.notes ?? []) out.push(`  ${terminalText(note)}`);
  return out.join("\n");
}
