/**
 * The self-contained HTML report: the shared run page (src/dashboard/run-view.ts) in the shared
 * frame, with inline CSS, SVG and a little script (flame graphs: fold or show the harness frames,
 * search, click or Enter to zoom, double-click or Escape to reset); nothing is fetched when it is
 * viewed.
 *
 * @module
 */
import { page } from "../dashboard/layout.ts";
import { NO_LINKS } from "../dashboard/links.ts";
import { runBody, runFacts } from "../dashboard/run-view.ts";
import type { ReportData } from "./build.ts";
import { escapeHtml as e } from "./html-escape.ts";

/** The whole page. */
export function renderHtml(d: ReportData): string {
  return page({
    title: `pacer report ${d.head.id}`,
    header: runFacts(d),
    body: runBody(d, NO_LINKS),
    footer: `Generated ${e(d.generatedAt)} by pacer ${e(d.head.runnerVersion)}`,
  });
}
