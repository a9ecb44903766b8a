/**
 * The HTML report opened in real headless Chromium: after its script ran, the DOM has the tables
 * and flame graphs made of rects, and the screenshot is a rendered page (many colours, not blank).
 * CI needs the `chromium` apt package.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { compareRuns } from "../../src/compare/diff.ts";
import { openHistory } from "../../src/history/index.ts";
import { buildReport } from "../../src/report/build.ts";
import { renderHtml } from "../../src/report/html.ts";
import { FIXTURES, simulationRun, slowedRun } from "../history/fixture-runs.ts";
import { chromium, chromiumPath } from "./chromium.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-chromium-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeReport(): string {
  const history = openHistory({ cwd: dir, path: "h.db" });
  const base = simulationRun();
  const head = slowedRun(base, "fib 20", 1.25, "20261127-210000-beef", "b".repeat(40));
  // A walltime benchmark with the walltime plugin's folded stacks, in the same head run.
  head.measurements.push({
    instrument: "walltime",
    title: "Walltime",
    columns: [{ key: "time", label: "Time (best)", unit: "seconds" }],
    benchmarks: [{ name: "fib 15 (walltime)", uri: "bench.mjs::fib 15", metrics: { time: 7.2e-6 }, detail: { folded: join(FIXTURES, "walltime-fib15.folded") } }],
  });
  for (const r of [base, head]) (history.begin(r), history.finish(r));
  const html = renderHtml(buildReport({ history, head, comparison: compareRuns(base, head) }));
  history.close();
  const file = join(dir, "report.html");
  writeFileSync(file, html);
  return file;
}

test.skipIf(!chromiumPath)("headless Chromium renders the tables and the flame graphs (needs apt chromium)", async () => {
  const file = writeReport();
  const dom = await chromium(`file://${file}`, ["--dump-dom", "--virtual-time-budget=2000"]);
  expect(dom).toContain('<table class="comparison">');
  expect(dom).toContain('<table class="results">');
  expect(dom.match(/<tr class="regression">/g)?.length).toBe(1);
  // The script marks each flame graph once it has wired zooming: proof it ran in the browser.
  const flames = dom.match(/<svg class="flamegraph"[^>]*data-ready="true"/g) ?? [];
  expect(flames.length).toBe(3);
  expect((dom.match(/<rect /g) ?? []).length).toBeGreaterThan(30);

  const png = join(dir, "report.png");
  await chromium(`file://${file}`, [`--screenshot=${png}`, "--window-size=1280,2000"]);
  expect(statSync(png).size).toBeGreaterThan(20_000);
  const img = PNG.sync.read(readFileSync(png));
  expect(img.width).toBe(1280);
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4 * 7) colours.add(img.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(200);
}, 120_000);
