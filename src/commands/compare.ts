/**
 * `pacer compare [BASE] [HEAD]`: compares two runs and, with `--check`, fails on a regression.
 *
 * @module
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultBase, defaultHead, historyNoise, openContext, type CompareContext } from "../compare/context.ts";
import { compareRuns, type Comparison } from "../compare/diff.ts";
import { loadRun } from "../compare/load-run.ts";
import { renderComparison } from "../compare/render-text.ts";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { markdownSummary } from "../report/markdown.ts";

const HELP = `Usage: pacer compare [BASE] [HEAD] [options]

Compares HEAD with BASE per benchmark and metric. BASE and HEAD are run ids (see \`pacer runs\`),
\`latest\`, \`latest~N\`, branches or git refs with a recorded run, or profile folders/archives.
Default: the latest run of the current branch against the latest run of the base branch.

Options:
      --check               Exit 1 when a gated metric regressed more than its threshold
      --threshold <pct>     Default allowed regression (overrides the config's thresholds.default)
      --json                Print the comparison as JSON
      --markdown <file>     Also write a Markdown summary to <file>
      --config <file>       Config file (thresholds, history path)
      --history <file>      History database (default: .pacer/history.db at the git root)
  -h, --help                Show this help
`;

const log = createLogger("compare");

export default async function (argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean" },
      threshold: { type: "string" },
      json: { type: "boolean" },
      markdown: { type: "string" },
      config: { type: "string" },
      history: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return (process.stdout.write(HELP), 0);
  if (positionals.length > 2) throw new PacerError("E_USAGE", `Too many arguments: ${positionals.slice(2).map((p) => `"${p}"`).join(", ")}`, { hint: "Give at most BASE and HEAD" });
  const cwd = process.cwd();
  const ctx = await openContext({ cwd, configPath: values.config, historyPath: values.history, threshold: values.threshold });
  try {
    const head = positionals[1] !== undefined ? await loadRun(ctx.history, cwd, positionals[1]) : defaultHead(ctx.history, cwd);
    const base = positionals[0] !== undefined ? await loadRun(ctx.history, cwd, positionals[0]) : defaultBase(ctx.history, cwd, head);
    const c = compareRuns(base, head, { thresholds: ctx.thresholds, runToRunCv: historyNoise(ctx.history, base, head) });
    return report(c, ctx, { check: !!values.check, json: !!values.json, markdown: values.markdown });
  } finally {
    ctx.history.close();
  }
}

function report(
  c: Comparison,
  _ctx: CompareContext,
  o: { check: boolean; json: boolean; markdown?: string; out?: NodeJS.WriteStream },
): number {
  const out = o.out ?? process.stdout;
  for (const w of c.warnings) log.warn(w);
  if (o.json) process.stdout.write(JSON.stringify({ base: c.base.id, head: c.head.id, rows: c.rows, regressions: c.regressions.length, warnings: c.warnings }, null, 2) + "\n");
  else out.write(renderComparison(c, !!out.isTTY) + "\n");
  const md = o.markdown !== undefined || process.env.GITHUB_STEP_SUMMARY ? markdownSummary(c.head, c) : "";
  if (o.markdown !== undefined) writeFileSync(o.markdown, md);
  if (process.env.GITHUB_ACTIONS === "true" && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, md + "\n");
  if (!o.check) return 0;
  if (c.regressions.length === 0) {
    log.info(`No regression beyond the thresholds (${c.rows.filter((r) => r.allowed !== undefined).length} gated metrics)`);
    return 0;
  }
  const list = c.regressions.map((r) => `${r.name} (${r.instrument} ${r.metric}): +${((r.change ?? 0) * 100).toFixed(1)}%, allowed +${((r.allowed ?? 0) * 100).toFixed(1)}%`);
  log.error(`${c.regressions.length} benchmark metric${c.regressions.length > 1 ? "s" : ""} regressed beyond the threshold:\n  ${list.join("\n  ")}`);
  return 1;
}

/**
 * Compares a run that just finished with `base`; the run pipeline's `--compare`. Returns the exit
 * code: 1 when `check` and a gated metric regressed.
 */
export async function compareAfterRun(opts: {
  cwd: string;
  base: string;
  headRunId: string;
  check: boolean;
  configThresholds?: unknown;
  /** `pacer run --json`: the comparison goes to stderr, stdout keeps only the run's JSON. */
  json?: boolean;
}): Promise<number> {
  const ctx = await openContext({ cwd: opts.cwd, configThresholds: opts.configThresholds });
  try {
    const head = await loadRun(ctx.history, opts.cwd, opts.headRunId);
    const base = await loadRun(ctx.history, opts.cwd, opts.base === "latest" ? "latest~1" : opts.base);
    const c = compareRuns(base, head, { thresholds: ctx.thresholds, runToRunCv: historyNoise(ctx.history, base, head) });
    return report(c, ctx, { check: opts.check, json: false, out: opts.json ? process.stderr : process.stdout });
  } finally {
    ctx.history.close();
  }
}
