/**
 * The report's inline stylesheet and script (kept as strings so the compiled binary carries them).
 *
 * @module
 */
import { FLAME_CSS, FLAME_JS } from "./flame-script.ts";

export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{background:#1d2330;color:#fff;padding:16px 28px}header h1{margin:0 0 8px;color:#ff8700}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}.facts dt{color:#aab}.facts dd{margin:0;word-break:break-all}
main{padding:8px 28px 28px;max-width:1240px}section{margin:18px 0}h2{border-bottom:2px solid #ff8700;padding-bottom:4px}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px #0002}th,td{padding:5px 10px;border-bottom:1px solid #e3e6eb;text-align:left}
th{background:#f0f2f5}.num{text-align:right;font-variant-numeric:tabular-nums}
tr.regression td{background:#fde2e1}tr.regression .change{color:#b3261e;font-weight:700}
tr.slower .change{color:#b86e00}tr.faster td{background:#e3f6e8}tr.faster .change{color:#1a7f37;font-weight:700}tr.same{color:#667}
.good{color:#1a7f37;font-weight:700}.bad{color:#b3261e;font-weight:700}.warn{color:#8a5a00;background:#fff4d6;padding:6px 10px}
.muted{color:#778;font-weight:400;font-size:12px}.bench{background:#fff;padding:10px 16px;box-shadow:0 1px 2px #0002}
.chart .line{fill:none;stroke:#ff8700;stroke-width:2}.chart .dot{fill:#1d2330}.chart .dot.current{fill:#ff8700;stroke:#1d2330}
.chart .axis{stroke:#99a}.chart text{font-size:11px;fill:#556}
.flame-wrap{overflow:hidden;border:1px solid #e3e6eb;padding:0 4px}
footer{padding:12px 28px}
${FLAME_CSS}`;

export const REPORT_JS = FLAME_JS;
