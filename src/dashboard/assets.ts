/**
 * The dashboard's own inline stylesheet and script, on top of the report's (src/report/assets.ts,
 * which carries the flame graph's): focus rings, the skip link, breadcrumbs, link styles.
 *
 * @module
 */

export const DASHBOARD_CSS = `
.skip{position:absolute;left:-999px;top:0;background:#ff8700;color:#000;padding:6px 12px;z-index:9}.skip:focus{left:8px}
a{color:#0b5cad}header a{color:#ffd29a}a:focus-visible,button:focus-visible,[tabindex]:focus-visible,.frame:focus-visible{outline:3px solid #ff8700;outline-offset:2px}
.crumbs ol{list-style:none;margin:0 0 6px;padding:0;display:flex;flex-wrap:wrap;gap:6px}.crumbs li+li:before{content:"/";margin-right:6px;color:#aab}
.crumbs [aria-current]{color:#fff}table{max-width:100%}td{overflow-wrap:anywhere}
.base-choice{background:#fff;padding:8px 12px;box-shadow:0 1px 2px #0002}.verdict-fail{color:#b3261e;font-weight:700}.verdict-pass{color:#1a7f37;font-weight:700}
.chart .band{fill:#ff870033;stroke:none}.chart a:focus-visible circle{stroke:#0b5cad;stroke-width:3}
`;

// Keyboard: Enter on a focused link inside an SVG chart follows it (SVG <a> already does); nothing else needed yet.
export const DASHBOARD_JS = ``;
