import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulationRun, slowedRun } from "../../test/history/fixture-runs.ts";
import { compareRuns } from "../compare/diff.ts";
import { openHistory } from "../history/index.ts";
import { buildReport } from "./build.ts";
import { renderHtml } from "./html.ts";
import { markdownSummary } from "./markdown.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("HTML report", () => {
  const base = simulationRun();
  const head = slowedRun(base, "fib 20", 1.25, "20261127-210000-beef", "b".repeat(40));
  const history = openHistory({ cwd: dir, path: "h.db" });
  for (const r of [base, head]) (history.begin(r), history.finish(r));
  const comparison = compareRuns(base, head);
  const html = renderHtml(buildReport({ history, head, comparison }));

  test("is self-contained: no external URL is loaded", () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toContain("@import");
  });

  test("has the results table, the coloured comparison and a history chart per benchmark", () => {
    expect(html).toContain("<h2>CPU Simulation Instrument</h2>");
    expect(html).toMatch(/<tr class="regression"><td>fib 20<\/td><td>simulation<\/td><td>time<\/td>/);
    expect(html).toContain("+25.0%");
    expect(html.match(/<svg class="chart"/g)?.length).toBe(2);
    expect(html.match(/<circle class="dot/g)?.length).toBe(4);
  });

  test("has a differential flame graph per benchmark built from detail.functions", () => {
    expect(html.match(/<svg class="flamegraph"/g)?.length).toBe(2);
    expect(html).toContain("Differential flame graph");
    expect(html.match(/<rect /g)!.length).toBeGreaterThan(20);
    expect(html).toMatch(/fill="hsl\(0, /); // a frame that grew is red
  });

  test("escapes benchmark names", () => {
    const evil = structuredClone(head);
    evil.measurements[0]!.benchmarks[0]!.name = "<script>alert(1)</script>";
    expect(renderHtml(buildReport({ head: evil }))).not.toContain("<script>alert(1)");
  });

  test("Markdown summary names the regression", () => {
    const md = markdownSummary(head, comparison);
    expect(md).toContain("**❌ 1 regression**");
    expect(md).toMatch(/\| ❌ \| fib 20 \| simulation time \| 1\.74 ms \| 2\.18 ms \| \+25\.0% \| slower \(max \+5\.0%\) \|/);
    expect(md).toContain("### CPU Simulation Instrument");
  });
});
