/**
 * The page frame every dashboard and report page shares: skip link, header with breadcrumbs,
 * main landmark, the report's inline CSS and script plus the dashboard's own. Nothing is fetched.
 *
 * @module
 */
import { REPORT_CSS, REPORT_JS } from "../report/assets.ts";
import { escapeHtml as e } from "../report/html-escape.ts";
import { DASHBOARD_CSS, DASHBOARD_JS } from "./assets.ts";

export interface Crumb {
  label: string;
  href?: string;
}

export function page(o: { title: string; crumbs?: Crumb[]; header?: string; body: string; footer?: string }): string {
  const crumbs = o.crumbs?.length
    ? `<nav aria-label="Breadcrumb" class="crumbs"><ol>${o.crumbs.map((c) => `<li>${c.href ? `<a href="${e(c.href)}">${e(c.label)}</a>` : `<span aria-current="page">${e(c.label)}</span>`}</li>`).join("")}</ol></nav>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(o.title)}</title><style>${REPORT_CSS}${DASHBOARD_CSS}</style></head>
<body><a class="skip" href="#main">Skip to content</a><header>${crumbs}<h1>${e(o.title)}</h1>${o.header ?? ""}</header>
<main id="main" tabindex="-1">${o.body}</main>
${o.footer ? `<footer class="muted">${o.footer}</footer>` : ""}
<script>${REPORT_JS}${DASHBOARD_JS}</script></body></html>
`;
}
