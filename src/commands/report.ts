/**
 * `pacer report [RUN]`: writes the self-contained HTML report and the Markdown summary.
 *
 * @module
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { historyNoise, openContext } from "../compare/context.ts";
import { defaultHead, resolveBase } from "../compare/find-runs.ts";
import { assertSameMode, gateOutcome, requireBase } from "../compare/gate.ts";
import { compareRuns } from "../compare/diff.ts";
import { loadRun } from "../compare/load-run.ts";
import { createLogger } from "../log/logger.ts";
import { buildReport } from "../report/build.ts";
import { renderHtml } from "../report/html.ts";
import { markdownSummary } from "../report/markdown.ts";
import { completeProfile } from "../run/complete-profile.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer report [RUN] [options]

Writes an HTML report of RUN (default: the latest run of the current branch): results tables,
the comparison with --base, a chart of each benchmark over the history and flame graphs. Also
writes a Markdown summary (appended to $GITHUB_STEP_SUMMARY in GitHub Actions).

Options:
      --base <run>         Compare with this run (id, latest~1, branch, git ref, profile folder)
  -o, --output <file>      HTML file (default: .pacer/reports/<run id>.html next to the history)
      --markdown <file>    Markdown file (default: the HTML path with .md)
      --config <file>      Config file (thresholds, history path)
      --history <file>     History database
      --json               Print what was written as JSON
  -h, --help               Show this help
`;

const log = createLogger("report");

export default async function (argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("report", argv, {
      base: { type: "string" },
      output: { type: "string", short: "o" },
      markdown: { type: "string" },
      config: { type: "string" },
      history: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
  });
  if (values.help) return (stdout.write(HELP), 0);
  const cwd = process.cwd();
  const ctx = await openContext({ cwd, configPath: values.config, historyPath: values.history });
  try {
    const found = positionals[0] !== undefined ? await loadRun(ctx.history, cwd, positionals[0]) : defaultHead(ctx.history, cwd);
    // A branch or commit as --base means its latest run of the head's mode, as in `compare`.
    const baseRun = values.base !== undefined ? requireBase(await resolveBase(ctx.history, cwd, values.base, found), found, { check: false, allowed: false }) : undefined;
    // Flame graphs a run left for later are made now, once (the history keeps them).
    const head = await completeProfile(found, { cwd, history: ctx.history });
    const base = baseRun && (await completeProfile(baseRun, { cwd, history: ctx.history }));
    if (base) assertSameMode(base, head);
    const comparison = base ? compareRuns(base, head, { thresholds: ctx.thresholds, runToRunCv: historyNoise(ctx.history, base, head) }) : undefined;
    const html = renderHtml(buildReport({ history: ctx.history, head, comparison }));
    const gate = comparison ? gateOutcome(comparison, ctx.thresholds) : undefined;
    const out = resolve(cwd, values.output ?? join(dirname(ctx.history.path), "reports", `${head.id}.html`));
    const mdPath = resolve(cwd, values.markdown ?? out.replace(/\.html?$/, "") + ".md");
    const md = markdownSummary(head, comparison, gate);
    mkdirSync(dirname(out), { recursive: true });
    mkdirSync(dirname(mdPath), { recursive: true });
    writeFileSync(out, html);
    writeFileSync(mdPath, md);
    if (process.env.GITHUB_ACTIONS === "true" && process.env.GITHUB_STEP_SUMMARY) {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, md + "\n");
      log.info("Summary added to the GitHub step summary");
    }
    if (values.json) printJson("report", { run: head.id, base: base?.id ?? null, html: out, markdown: mdPath });
    else stdout.write(`Report: ${out}\nSummary: ${mdPath}\n`);
    return 0;
  } finally {
    ctx.history.close();
  }
}
