/**
 * One statistic per number (issue 10 item 4): each mode's headline statistic (simulation: the
 * simulated time; walltime: the median round time; memory: the peak bytes) is the same number in
 * the terminal table, compare, the HTML report, the Markdown summary and every export. Before, the
 * walltime table showed the best time (fib 20: 99.14 µs), compare the median (118.70 µs) and the
 * Bencher and github-action-benchmark exports the mean (124.35 µs).
 */
import { expect, test } from "bun:test";
import { compareRuns } from "../../src/compare/diff.ts";
import { formatMetric } from "../../src/compare/format.ts";
import { renderComparison } from "../../src/compare/render-text.ts";
import { toBencher } from "../../src/export/bencher.ts";
import { toCsv } from "../../src/export/csv.ts";
import { toGabBigger, toGabSmaller } from "../../src/export/github-action-benchmark.ts";
import { buildReport } from "../../src/report/build.ts";
import { renderHtml } from "../../src/report/html.ts";
import { markdownSummary } from "../../src/report/markdown.ts";
import { BUILTIN_MODES } from "../../src/plugin/builtin-modes.ts";
import { headlineValue } from "../../src/results/headline.ts";

const HEADLINES = Object.fromEntries(BUILTIN_MODES.map((m) => [m.name, m.headline!]));
import { renderTable } from "../../src/results/table.ts";
import { makeRecord, memory, simulation, walltime } from "../history/make-record.ts";

const cases = [
  { mode: "walltime", m: walltime(), slower: walltime(undefined, 1.3), text: "118.70 µs", exported: 118_702 },
  { mode: "simulation", m: simulation(), slower: simulation({ "fib 20": 1.3 }), text: formatMetric("time", Math.round(14_218_530 * 1.3) / 3e9), exported: (Math.round(14_218_530 * 1.3) / 3e9) * 1e9 },
  { mode: "memory", m: memory(), slower: memory(2_000_000), text: "1 MB", exported: 1_048_576 },
];

for (const k of cases) {
  test(`${k.mode}: the headline (${HEADLINES[k.mode]!.statistic}) is the same number everywhere`, () => {
    const base = makeRecord({ mode: k.mode, measurements: [k.m] });
    const head = makeRecord({ mode: k.mode, measurements: [k.slower] });
    const bench = k.m.benchmarks.at(-1)!;
    const row = (text: string) => text.split("\n").find((l) => l.includes(bench.name) && l.includes(k.text));
    expect(row(renderTable(k.m)), "terminal table").toBeDefined();
    const c = compareRuns(base, head);
    const first = c.rows.find((r) => r.name === bench.name && r.metric === HEADLINES[k.mode]!.metric)!;
    expect(formatMetric(first.metric, first.base)).toBe(k.text);
    expect(row(renderComparison(c)), "compare").toBeDefined();
    const html = renderHtml(buildReport({ head: base, comparison: compareRuns(head, base) }));
    expect(html.split("</tr>").filter((tr) => tr.includes(`<td>${bench.name}</td>`) && tr.includes(k.text)).length, "HTML results and comparison").toBe(2);
    expect(markdownSummary(base, compareRuns(head, base)).split("\n").filter((l) => l.includes(bench.name) && l.includes(k.text)).length, "Markdown").toBeGreaterThanOrEqual(2);
    expect(headlineValue(HEADLINES[k.mode], bench)! / (k.mode === "memory" ? 1 : 1e-9)).toBeCloseTo(k.exported, 3);
    const csv = toCsv(base).split("\r\n").filter((l) => l.includes(bench.uri) && l.endsWith(",yes"));
    expect(csv).toHaveLength(1);
    if (k.mode === "walltime") {
      expect(toBencher(base)[bench.uri]!.latency!.value).toBeCloseTo(k.exported, 3);
      expect(toGabSmaller(base).find((e) => e.name === `${bench.uri} - time`)!.value).toBeCloseTo(k.exported, 3);
      expect(toGabBigger(base).find((e) => e.name === `${bench.uri} - throughput`)!.value).toBeCloseTo(1e9 / k.exported, 6);
    }
    if (k.mode === "simulation") expect(toBencher(base)[bench.uri]!["simulated-time"]!.value).toBeCloseTo(k.exported, 3);
    if (k.mode === "memory") {
      expect(toBencher(base)[bench.uri]!["peak-memory"]!.value).toBe(k.exported);
      expect(toGabSmaller(base).find((e) => e.name === `${bench.uri} - peak memory`)!.value).toBe(k.exported);
    }
  });
}
