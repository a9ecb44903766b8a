/**
 * Renders a flame graph as inline SVG (no script needed to see it; the report's script adds
 * click-to-zoom). In a differential graph, widths are the head's costs and colours the change
 * against base: red grew, blue shrank, in proportion to the change of the frame's share.
 *
 * @module
 */
import type { FlameNode } from "./flame-tree.ts";
import { escapeHtml } from "./html-escape.ts";

const ROW = 17;
const WIDTH = 1180;
/** Frames narrower than this (pixels) are not drawn: they would be invisible and bloat the file. */
const MIN_PX = 0.4;

function warmColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${20 + (h % 35)}, ${70 + (h % 20)}%, ${55 + ((h >> 8) % 12)}%)`;
}

function diffColor(delta: number): string {
  const k = Math.min(1, Math.abs(delta) * 4);
  if (k < 0.02) return "hsl(0, 0%, 88%)";
  return delta > 0 ? `hsl(0, ${40 + 50 * k}%, ${90 - 35 * k}%)` : `hsl(215, ${40 + 50 * k}%, ${90 - 35 * k}%)`;
}

function depthOf(n: FlameNode): number {
  let d = 0;
  for (const c of n.children.values()) d = Math.max(d, depthOf(c));
  return d + 1;
}

/** SVG of `head` (and, when `base` is given, its differential colouring). */
export function flameSvg(head: FlameNode, opts: { base?: FlameNode; unit?: string; id: string }): string {
  const depth = depthOf(head);
  const height = depth * ROW + 4;
  const total = head.value || 1;
  const baseTotal = opts.base?.value || 1;
  const rects: string[] = [];
  const walk = (n: FlameNode, b: FlameNode | undefined, x: number, level: number): void => {
    const w = (n.value / total) * WIDTH;
    if (w < MIN_PX) return;
    const y = height - (level + 1) * ROW;
    const share = n.value / total;
    const delta = opts.base ? share - (b ? b.value / baseTotal : 0) : 0;
    const fill = opts.base ? diffColor(delta / Math.max(share, 1e-9)) : warmColor(n.name);
    const pct = (share * 100).toFixed(2);
    const change = opts.base ? `, ${b ? ((n.value / b.value - 1) * 100).toFixed(1) + "%" : "new"} vs base` : "";
    const label = w > 30 ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}">${escapeHtml(fit(n.name, w))}</text>` : "";
    rects.push(
      `<g class="frame" data-x="${x.toFixed(2)}" data-w="${w.toFixed(2)}"><title>${escapeHtml(n.name)} (${n.value.toLocaleString("en-US")} ${opts.unit ?? ""}, ${pct}%${change})</title>` +
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${ROW - 1}" fill="${fill}" rx="2"/>${label}</g>`,
    );
    let cx = x;
    for (const c of [...n.children.values()].sort((p, q) => p.name.localeCompare(q.name))) {
      walk(c, b?.children.get(c.name), cx, level + 1);
      cx += (c.value / total) * WIDTH;
    }
  };
  walk(head, opts.base, 0, 0);
  return `<svg class="flamegraph" id="${escapeHtml(opts.id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" data-width="${WIDTH}" role="img">${rects.join("")}</svg>`;
}

function fit(name: string, px: number): string {
  const chars = Math.floor((px - 6) / 6.5);
  return name.length <= chars ? name : chars <= 2 ? "" : name.slice(0, chars - 1) + "…";
}
