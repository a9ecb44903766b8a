/**
 * A small line chart of one metric over the recorded runs, as inline SVG.
 *
 * The y-axis never spans less than {@link MIN_RELATIVE_SPAN} of the values' mean (centred on the
 * data, never below 0): auto-scaling to the data alone turns 28.08 → 28.06 µs (−0.07 %) into a
 * drop across the whole height. With the floor, a change of x % of the mean moves the line by at
 * most x / 20 of the plot height; changes larger than ±10 % scale to the data as before.
 *
 * @module
 */
import type { SeriesPoint } from "../history/index.ts";
import { escapeHtml } from "./html-escape.ts";

const W = 560;
const H = 150;
const PAD = { left: 74, right: 12, top: 12, bottom: 22 };

/** Smallest y-axis span, as a fraction of the mean (0.2: ±10 %). */
export const MIN_RELATIVE_SPAN = 0.2;

/** The y-axis range for `values`: the data plus 5 % margins, at least MIN_RELATIVE_SPAN of the mean. */
export function yRange(values: number[]): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const margin = (hi - lo) * 0.05;
  (lo -= margin), (hi += margin);
  const min = Math.abs(mean) * MIN_RELATIVE_SPAN || 1;
  if (hi - lo < min) {
    const mid = (hi + lo) / 2;
    (lo = mid - min / 2), (hi = mid + min / 2);
  }
  if (lo < 0 && Math.min(...values) >= 0) (hi -= lo), (lo = 0);
  return [lo, hi];
}

/** `format` turns a value into its label; `current` is the run id to highlight. */
export function lineChart(points: SeriesPoint[], format: (v: number) => string, current?: string): string {
  if (points.length === 0) return `<p class="muted">No history yet.</p>`;
  const values = points.map((p) => p.value);
  const [lo, hi] = yRange(values);
  const x = (i: number) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const dots = points
    .map((p, i) => {
      const label = `${p.runId}${p.commit ? ` @ ${p.commit.slice(0, 7)}` : ""}${p.branch ? ` (${p.branch})` : ""}: ${format(p.value)}`;
      const cls = p.runId === current ? "dot current" : "dot";
      return `<circle class="${cls}" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.runId === current ? 5 : 3.5}"><title>${escapeHtml(label)}</title></circle>`;
    })
    .join("");
  const axis = `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" class="axis"/><line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" class="axis"/>`;
  const labels =
    `<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${escapeHtml(format(hi))}</text>` +
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end">${escapeHtml(format(lo))}</text>` +
    `<text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${points.length} run${points.length > 1 ? "s" : ""}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${axis}${labels}<path d="${path}" class="line"/>${dots}</svg>`;
}
