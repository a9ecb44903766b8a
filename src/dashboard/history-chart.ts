/**
 * A benchmark's history as inline SVG: one point per run (a link to its run's page), the line
 * through them and, when the runs measured their spread, the noise band (value ± its rounds'
 * standard deviation). The y-axis uses the report chart's floor (chart-svg.ts `yRange`), so a
 * 0.1 % wobble is not drawn as a cliff.
 *
 * @module
 */
import { yRange } from "../report/chart-svg.ts";
import { escapeHtml as e } from "../report/html-escape.ts";

export interface HistoryPoint {
  runId: string;
  commit: string | null;
  branch: string | null;
  value: number;
  /** Half-width of the noise band around `value`, when the run measured it. */
  spread?: number;
  href?: string;
}

const W = 900;
const H = 220;
const PAD = { left: 80, right: 14, top: 14, bottom: 26 };

export function historyChart(points: HistoryPoint[], format: (v: number) => string, current?: string): string {
  if (points.length === 0) return `<p class="muted">No history yet.</p>`;
  const values = points.flatMap((p) => (p.spread ? [p.value - p.spread, p.value + p.spread] : [p.value]));
  const [lo, hi] = yRange(values);
  const x = (i: number) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const banded = points.some((p) => p.spread);
  const band = banded
    ? `<path class="band" d="${points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value + (p.spread ?? 0)).toFixed(1)}`).join("")}${points
        .map((p, i) => ({ p, i }))
        .reverse()
        .map(({ p, i }) => `L${x(i).toFixed(1)},${y(p.value - (p.spread ?? 0)).toFixed(1)}`)
        .join("")}Z"/>`
    : "";
  const dots = points
    .map((p, i) => {
      const label = `${p.runId}${p.commit ? ` @ ${p.commit.slice(0, 7)}` : ""}${p.branch ? ` (${p.branch})` : ""}: ${format(p.value)}${p.spread ? ` ± ${format(p.spread)}` : ""}`;
      const cur = p.runId === current;
      const dot = `<circle class="dot${cur ? " current" : ""}" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${cur ? 6 : 5}"><title>${e(label)}</title></circle>`;
      return p.href ? `<a class="point" href="${e(p.href)}" aria-label="${e(label)}">${dot}</a>` : dot;
    })
    .join("");
  const axis = `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" class="axis"/><line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" class="axis"/>`;
  const labels =
    `<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${e(format(hi))}</text>` +
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end">${e(format(lo))}</text>` +
    `<text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${points.length} run${points.length > 1 ? "s" : ""}${banded ? ", band: ± standard deviation of the rounds" : ""}</text>`;
  return `<svg class="chart history" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:${W}px" role="img" aria-label="History of ${points.length} runs">${band}${axis}${labels}<path d="${path}" class="line"/>${dots}</svg>`;
}
