/**
 * Noise is not change (issue 10 item 5): a −0.08 % walltime difference reads "unchanged" in the
 * terminal, Markdown and HTML, and a history chart of 28.08 → 28.06 µs is not a cliff. Before, the
 * same comparison was "faster" (🚀, green) whenever the t-test called it significant (here: with
 * `min_effect: 0%`) or the rounds had no statistics, and the chart spanned its full height.
 */
import { describe, expect, test } from "bun:test";
import { compareRuns } from "../../src/compare/diff.ts";
import { renderComparison } from "../../src/compare/render-text.ts";
import { parseThresholds } from "../../src/compare/thresholds.ts";
import { MIN_RELATIVE_SPAN, lineChart } from "../../src/report/chart-svg.ts";
import { buildReport } from "../../src/report/build.ts";
import { renderHtml } from "../../src/report/html.ts";
import { markdownSummary } from "../../src/report/markdown.ts";
import type { SeriesPoint } from "../../src/history/index.ts";
import { makeRecord, walltime } from "../history/make-record.ts";

const base = makeRecord({ mode: "walltime", measurements: [walltime()] });
const head = makeRecord({ mode: "walltime", measurements: [walltime(undefined, 0.9992)] });
// alpha near 1 and no effect floor: the t-test alone would call −0.08 % a significant speed-up.
const eager = parseThresholds({ noise: { alpha: 0.999, min_effect: "0%" } });

function withoutRoundStats(r: ReturnType<typeof makeRecord>) {
  for (const b of r.measurements[0]!.benchmarks) for (const k of ["q1_ns", "q3_ns", "stdev_ns", "rounds"]) delete b.metrics[k];
  return r;
}

describe("a −0.08 % walltime difference", () => {
  const cases = [
    ["an eager t-test", compareRuns(base, head, { thresholds: eager })],
    ["rounds without statistics", compareRuns(withoutRoundStats(structuredClone(base)), withoutRoundStats(structuredClone(head)))],
  ] as const;

  for (const [what, c] of cases) {
    test(`reads unchanged with ${what}: terminal, Markdown, HTML`, () => {
      const row = c.rows[0]!;
      expect(row.change).toBeCloseTo(-0.0008, 6);
      expect(c.rows.map((r) => r.verdict)).toEqual(["unchanged", "unchanged"]);
      const text = renderComparison(c, true);
      expect(text).not.toContain("\x1b[32m"); // green
      expect(text).toMatch(/-0\.080?% +unchanged/);
      const md = markdownSummary(c.head, c);
      expect(md).not.toContain("🚀");
      expect(md).toMatch(/\| ✅ \| fib 15 \| walltime time \\\(median\\\) \| [^|]+ \| [^|]+ \| -0\.080?% \| unchanged \(max \+5\.0%\) \|/);
      const html = renderHtml(buildReport({ head: c.head, comparison: c }));
      expect(html).not.toContain('<tr class="faster">');
      expect(html).toContain('<tr class="same"><td>fib 15</td>');
    });
  }

  test("a real change still reads as one", () => {
    const faster = compareRuns(base, makeRecord({ mode: "walltime", measurements: [walltime(undefined, 0.7)] }));
    expect(faster.rows.map((r) => r.verdict)).toEqual(["faster", "faster"]);
    expect(markdownSummary(faster.head, faster)).toContain("🚀");
  });
});

describe("history chart", () => {
  const series = (values: number[]): SeriesPoint[] => values.map((value, i) => ({ runId: `r${i}`, startedAt: "", commit: null, branch: null, value }));
  /** y coordinates of the line's points. */
  const ys = (svg: string) => [.../<path d="([^"]+)"/.exec(svg)![1]!.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
  const PLOT = 150 - 12 - 22;

  test("28.08 → 28.06 µs moves the line by less than 1 % of the plot height", () => {
    const [a, b] = ys(lineChart(series([28080, 28060]), String));
    expect(Math.abs(a! - b!)).toBeLessThan(PLOT * 0.01);
    expect(Math.abs(a! - b!)).toBeGreaterThan(0);
  });

  test(`the axis spans at least ${MIN_RELATIVE_SPAN * 100} % of the mean, and a doubling still fills the plot`, () => {
    const svg = lineChart(series([28080, 28060]), (v) => v.toFixed(0));
    const labels = [...svg.matchAll(/text-anchor="end">(\d+)</g)].map((m) => Number(m[1]));
    expect(labels[0]! - labels[1]!).toBeGreaterThanOrEqual(28070 * MIN_RELATIVE_SPAN - 1);
    const [a, b] = ys(lineChart(series([10000, 20000]), String));
    expect(Math.abs(a! - b!)).toBeGreaterThan(PLOT * 0.8);
  });
});
