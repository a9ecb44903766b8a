/**
 * Hostile benchmark and branch names (issue 11 item 4) through every text output: the terminal
 * results table, `pacer compare` and `pacer runs` (through the CLI, on a real history database),
 * the Markdown summary, the HTML report, and the CSV/JSON exports, which must keep them exact.
 * Before: the table printed ESC/OSC bytes raw (title change, screen clear), a newline split a row,
 * a 10k-character name made a 190 KB table with 10 018-character lines, and `<img src=x
 * onerror=…>` went raw into the Markdown summary.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareRuns } from "../../src/compare/diff.ts";
import { openHistory } from "../../src/history/index.ts";
import type { Measurement } from "../../src/plugin/types.ts";
import { buildReport } from "../../src/report/build.ts";
import { renderHtml } from "../../src/report/html.ts";
import { markdownSummary } from "../../src/report/markdown.ts";
import { renderTable } from "../../src/results/table.ts";
import { makeRecord } from "../history/make-record.ts";

const CLI = join(import.meta.dir, "../../src/cli.ts");
const IMG = "<img src=x onerror=alert(1)>";
const OSC = "title\x1b]0;owned\x07\x1b[2J\x1b[31mred";
const NAMES = [IMG, OSC, "two\nlines", "a|b|c", "L".repeat(10_000), "bidi\u202eevil", "::stop-commands::pwned"];
// Raw control characters an output must not contain (our own SGR colouring is checked apart).
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

function memory(scale = 1): Measurement {
  return {
    instrument: "memory",
    title: "Memory",
    columns: [{ key: "peak_bytes", label: "Peak memory", unit: "bytes" }],
    benchmarks: NAMES.map((name, i) => ({ name, uri: `bench.mjs::${name}`, metrics: { peak_bytes: (i + 1) * 1024 * (i === 0 ? scale : 1), total_allocated_bytes: 4096, alloc_count: 3 } })),
  };
}

const dir = mkdtempSync(join(tmpdir(), "pacer-text-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const branch = `feat/${IMG}\x1b]0;x\x07`;
const base = makeRecord({ mode: "memory", measurements: [memory()] });
const head = makeRecord({ mode: "memory", command: `node ${OSC}.mjs`, git: { commit: "b".repeat(40), branch, dirty: false, root: null }, measurements: [memory(2)] });
const h = openHistory({ cwd: dir });
for (const r of [base, head]) (h.begin(r), h.finish(r));
h.close();

function pacer(...args: string[]) {
  const r = Bun.spawnSync([process.execPath, CLI, ...args], { cwd: dir, env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", CI: "" } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

/** Each table line is one row and stays far from the 10k-character name. */
function expectBounded(text: string, rows: number, maxWidth = 200) {
  const lines = text.split("\n");
  expect(lines.length).toBe(rows);
  for (const l of lines) expect([...l].length).toBeLessThanOrEqual(maxWidth);
}

describe("terminal", () => {
  test("results table: no control bytes, one line per benchmark, bounded width", () => {
    const text = renderTable(memory());
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain("\x1b");
    // borders, title, header and separators: 6 lines, then exactly one line per benchmark
    expectBounded(text, 6 + NAMES.length);
    expect(Buffer.byteLength(text)).toBeLessThan(5_000);
    expect(text).toContain("title\\e]0;owned\\x07\\e[2J\\e[31mred");
    expect(text).toContain("two\\nlines");
    // Colour on: the only escapes are pacer's own SGR styling.
    expect(renderTable(memory(), true).replace(/\x1b\[[0-9;]*m/g, "")).not.toContain("\x1b");
  });

  test("compare text through the CLI: names and the branch escaped and elided", () => {
    const r = pacer("compare", base.id, head.id);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
    expect(r.err).not.toMatch(CONTROL);
    const rows = r.out.split("\n").filter((l) => l.includes(" memory "));
    expect(rows).toHaveLength(NAMES.length * 3);
    for (const l of r.out.split("\n")) expect([...l].length).toBeLessThanOrEqual(220);
    expect(r.out).toContain("(feat/<img src=x oner…alert(1)>\\e]0;x\\x07@bbbbbbb)");
    // No line a CI log could take for a GitHub Actions workflow command.
    for (const l of (r.out + r.err).split("\n")) expect(l.startsWith("::")).toBe(false);
  });

  test("runs through the CLI: branch and command escaped", () => {
    const r = pacer("runs");
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(CONTROL);
    expect(r.out.trim().split("\n")).toHaveLength(3);
  });
});

describe("Markdown summary", () => {
  const md = markdownSummary(head, compareRuns(base, head));
  test("no HTML tag, no raw pipe or newline in a cell: the table keeps its rows", () => {
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    expect(md).not.toMatch(CONTROL);
    const tableRows = md.split("\n").filter((l) => l.startsWith("| "));
    // comparison: header + 3 metrics per name; results: header + one row per name
    expect(tableRows).toHaveLength(1 + 3 * NAMES.length + 1 + NAMES.length);
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    for (const l of tableRows.slice(1, 1 + 3 * NAMES.length)) expect(cells(l)).toBe(cells(tableRows[0]!));
    for (const l of md.split("\n")) expect([...l].length).toBeLessThanOrEqual(400);
  });

  test("the heading's branch name is inert too", () => {
    expect(md.split("\n")[0]).toContain("feat/&lt;img");
  });
});

describe("HTML report", () => {
  test("still escapes every hostile name", () => {
    const html = renderHtml(buildReport({ head, comparison: compareRuns(base, head) }));
    // Booleans, so that a failure does not print the 10k-character report.
    expect(html.includes(IMG)).toBe(false);
    expect(html.includes("<img")).toBe(false);
    expect(html.includes("&lt;img src=x onerror=alert(1)&gt;")).toBe(true);
  });
});

describe("exports keep names exact", () => {
  test("CSV round-trips every name byte for byte", () => {
    const r = pacer("export", head.id, "--format", "csv", "-o", "out.csv");
    expect(r.code, r.err).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, "out.csv"), "utf8"));
    expect(rows[0]).toEqual(["run_id", "commit", "instrument", "benchmark", "uri", "metric", "value", "headline"]);
    const names = new Set(rows.slice(1).map((r) => r[3]));
    expect([...names].sort()).toEqual([...NAMES].sort());
    const peak = rows.find((r) => r[3] === IMG && r[5] === "peak_bytes")!;
    expect(peak[6]).toBe("2048");
    expect(peak[7]).toBe("yes");
  });

  test("JSON (Bencher, compare --json, runs --json) keeps them exact", () => {
    const bmf = JSON.parse(pacer("export", head.id, "--format", "bencher").out) as Record<string, unknown>;
    expect(Object.keys(bmf).sort()).toEqual(NAMES.map((n) => `bench.mjs::${n}`).sort());
    const c = JSON.parse(pacer("compare", base.id, head.id, "--json").out) as { rows: Array<{ name: string }> };
    expect(new Set(c.rows.map((r) => r.name))).toEqual(new Set(NAMES));
    const runs = (JSON.parse(pacer("runs", "--json").out) as { runs: Array<{ git: { branch: string } }> }).runs;
    expect(runs[0]!.git.branch).toBe(branch);
  });
});

/** RFC 4180: quoted fields with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), (field = ""));
    else if (c === "\r" && text[i + 1] === "\n") (row.push(field), rows.push(row), (row = []), (field = ""), i++);
    else field += c;
  }
  return rows;
}
