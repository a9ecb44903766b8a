/**
 * Renders a flame graph as inline SVG that reads without script: the default view has the harness
 * and runtime frames above the benchmark's own code folded into one bar (see flame-harness); the
 * full view is in the same SVG, hidden, for flame-script's toggle. In a differential graph, widths
 * are the head's costs and colours the change against base: red grew, blue shrank, in proportion
 * to the change of the frame's share.
 *
 * @module
 */
import { collapseHarness, HARNESS_BAR } from "./flame-harness.ts";
import { frameTooltip } from "./flame-format.ts";
import type { FlameNode } from "./flame-tree.ts";
import { escapeHtml } from "./html-escape.ts";

const ROW = 17;
const WIDTH = 1180;
/** Frames narrower than this (pixels) are not drawn: they would be invisible and bloat the file. */
const MIN_PX = 0.4;
/** Width of a character of the labels (11px monospace), for truncation before any script runs. */
const CHAR_PX = 6.6;

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

/** What the frame shows: the bar of folded harness frames says how many it hides. */
export function frameLabel(n: FlameNode): string {
  return n.folded ? `${n.folded.length} harness frame${n.folded.length === 1 ? "" : "s"}` : n.name;
}

export function fitLabel(name: string, px: number): string {
  const chars = Math.floor((px - 6) / CHAR_PX);
  return name.length <= chars ? name : chars < 3 ? "" : name.slice(0, chars - 1) + "…";
}

interface ViewOpts {
  base?: FlameNode;
  unit?: string;
  view: "collapsed" | "full";
  hidden: boolean;
}

function renderView(head: FlameNode, o: ViewOpts): { svg: string; height: number } {
  const height = depthOf(head) * ROW + 4;
  const total = head.value || 1;
  const baseTotal = o.base?.value || 1;
  const rects: string[] = [];
  let next = 0;
  const walk = (n: FlameNode, b: FlameNode | undefined, parent: { i: number; value: number }, x: number, level: number): void => {
    const w = (n.value / total) * WIDTH;
    if (w < MIN_PX) return;
    const i = next++;
    const y = height - (level + 1) * ROW;
    const share = n.value / total;
    const delta = o.base ? share - (b ? b.value / baseTotal : 0) : 0;
    const fill = o.base ? diffColor(delta / Math.max(share, 1e-9)) : n.folded ? "hsl(220, 12%, 80%)" : warmColor(n.name);
    const label = frameLabel(n);
    const hides = n.folded ? `: ${n.folded.slice(0, 40).join(", ")}${n.folded.length > 40 ? `, … (${n.folded.length - 40} more)` : ""}` : "";
    const title = frameTooltip({ name: label, value: n.value, total, parent: parent.value || n.value, unit: o.unit, base: o.base ? { value: b?.value } : undefined }) + hides;
    const text = fitLabel(label, w);
    rects.push(
      `<g class="frame${n.folded ? " harness" : ""}" tabindex="0" data-i="${i}" data-p="${parent.i}" data-d="${level}" data-x="${x.toFixed(2)}" data-w="${w.toFixed(2)}" data-v="${n.value}" data-name="${escapeHtml(label)}">` +
        `<title>${escapeHtml(title)}</title><rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${ROW - 1}" fill="${fill}" rx="2"/>` +
        (text ? `<text x="${(x + 3).toFixed(1)}" y="${y + 12}">${escapeHtml(text)}</text>` : "") +
        `</g>`,
    );
    let cx = x;
    for (const c of [...n.children.values()].sort((p, q) => (p.name === HARNESS_BAR ? -1 : q.name === HARNESS_BAR ? 1 : p.name.localeCompare(q.name)))) {
      walk(c, b?.children.get(c.name), { i, value: n.value }, cx, level + 1);
      cx += (c.value / total) * WIDTH;
    }
  };
  walk(head, o.base, { i: -1, value: head.value }, 0, 0);
  const hidden = o.hidden ? ` display="none"` : "";
  return { svg: `<g class="flame-view" data-view="${o.view}" data-height="${height}"${hidden}>${rects.join("")}</g>`, height };
}

/**
 * SVG of `head` (and, when `base` is given, its differential colouring). With `collapse` (the
 * default) the harness frames are folded in the view shown first, the full tree kept for the toggle.
 */
export function flameSvg(head: FlameNode, opts: { base?: FlameNode; unit?: string; id: string; collapse?: boolean }): string {
  const collapsed = opts.collapse === false ? head : collapseHarness(head);
  const views = [renderView(collapsed, { base: opts.base && collapsed !== head ? collapseHarness(opts.base) : opts.base, unit: opts.unit, view: collapsed === head ? "full" : "collapsed", hidden: false })];
  if (collapsed !== head) views.push(renderView(head, { base: opts.base, unit: opts.unit, view: "full", hidden: true }));
  const height = views[0]!.height;
  const unit = opts.unit ? ` data-unit="${escapeHtml(opts.unit)}"` : "";
  return (
    `<svg class="flamegraph" id="${escapeHtml(opts.id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
    `data-width="${WIDTH}"${unit}${opts.base ? ` data-differential="true"` : ""} role="img" aria-label="Flame graph">${views.map((v) => v.svg).join("")}</svg>`
  );
}
