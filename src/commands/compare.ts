/**
 * `pacer compare [BASE] [HEAD]`: compares two runs and, with `--check`, fails on a regression.
 *
 * @module
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { historyNoise, openContext, type CompareContext } from "../compare/context.ts";
import { serverPair } from "../compare/server-source.ts";
import { parseThresholds, withDefault } from "../compare/thresholds.ts";
import { loadProjectConfig } from "./_shared/common-run.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { SERVER_OPTIONS, serverHelp, serverFor } from "./_shared/server-flags.ts";
import type { ServerSettings } from "../server-client/settings.ts";
import { compareRuns, type Comparison } from "../compare/diff.ts";
import { defaultBase, defaultHead, resolveBase } from "../compare/find-runs.ts";
import { assertHead, assertSameMode, gateOutcome, requireBase } from "../compare/gate.ts";
import { loadRun } from "../compare/load-run.ts";
import { renderComparison } from "../compare/render-text.ts";
import { PacerError } from "../errors.ts";
import { useColor } from "../log/color.ts";
import { createLogger } from "../log/logger.ts";
import { markdownSummary } from "../report/markdown.ts";
import type { RunRecord } from "../results/run-record.ts";
import { terminalText } from "../results/terminal-text.ts";
import { stderr, stdout, type ConsoleOut } from "../log/console-out.ts";

const HELP = `Usage: pacer compare [BASE] [HEAD] [options]

Compares HEAD with BASE per benchmark and metric. BASE and HEAD are run ids (see \`pacer runs\`),
\`latest\`, \`latest~N\`, branches or git refs with a recorded run, or profile folders/archives.
Default: the latest run of the current branch against the latest run of the same mode on the
base branch. A branch, commit or \`latest~N\` as BASE means its latest run of HEAD's mode.
With a results server (--server): HEAD defaults to this branch's latest run there and BASE to
the run the server picks for it; BASE and HEAD given are run ids on the server.

Options:
      --check               Exit 1 when a gated metric regressed more than its threshold, a base
                            benchmark is missing from HEAD, or there is no base
      --allow-no-base       With --check: pass (exit 0) when no base run exists, e.g. a first run
      --threshold <pct>     Default allowed regression (overrides the config's thresholds.default)
      --mode <mode>         Default HEAD: the latest run of this mode
      --stat <key>          Also compare this metric (e.g. mean_ns, min_ns); repeatable
      --json                Print the comparison as JSON
      --markdown <file>     Also write a Markdown summary to <file>
      --config <file>       Config file (thresholds, history path)
      --history <file>      History database (default: .pacer/history.db at the git root)
${serverHelp(28)}  -h, --help                Show this help
`;

const log = createLogger("compare");

export default async function (argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("compare", argv, {
      check: { type: "boolean" },
      "allow-no-base": { type: "boolean" },
      threshold: { type: "string" },
      mode: { type: "string" },
      stat: { type: "string", multiple: true },
      json: { type: "boolean" },
      markdown: { type: "string" },
      config: { type: "string" },
      history: { type: "string" },
      ...SERVER_OPTIONS,
      help: { type: "boolean", short: "h" },
  });
  if (values.help) return (stdout.write(HELP), 0);
  if (positionals.length > 2) throw new PacerError("E_USAGE", `Too many arguments: ${positionals.slice(2).map((p) => `"${p}"`).join(", ")}`, { hint: "Give at most BASE and HEAD" });
  const cwd = process.cwd();
  const loaded = await loadProjectConfig({ config: values.config });
  const server = serverFor(values, loaded, cwd);
  if (server) return compareOnServer(server, loaded.config.thresholds, { ...values, base: positionals[0], head: positionals[1], cwd });
  // The config is loaded once (above): its warnings are printed once.
  const ctx = await openContext({ cwd, historyPath: values.history, threshold: values.threshold, loaded: { thresholds: loaded.config.thresholds, historyPath: loaded.config.history.path } });
  try {
    const head = positionals[1] !== undefined ? await loadRun(ctx.history, cwd, positionals[1]) : defaultHead(ctx.history, cwd, values.mode);
    assertHead(head);
    const found = positionals[0] !== undefined ? await resolveBase(ctx.history, cwd, positionals[0], head) : defaultBase(ctx.history, cwd, head);
    const check = !!values.check;
    const base = requireBase(found, head, { check, allowed: !!values["allow-no-base"] || ctx.thresholds.no_base === "pass" });
    if (!base) return passWithoutBase(head, found.where);
    assertSameMode(base, head);
    const c = compareRuns(base, head, { thresholds: ctx.thresholds, runToRunCv: historyNoise(ctx.history, base, head), extraMetrics: values.stat });
    return report(c, ctx, { check, json: !!values.json, markdown: values.markdown });
  } finally {
    ctx.history.close();
  }
}

async function compareOnServer(
  s: ServerSettings,
  configThresholds: unknown,
  o: { cwd: string; base?: string; head?: string; mode?: string; check?: boolean; "allow-no-base"?: boolean; threshold?: string; stat?: string[]; json?: boolean; markdown?: string },
): Promise<number> {
  let thresholds = parseThresholds(configThresholds);
  if (o.threshold !== undefined) thresholds = withDefault(thresholds, o.threshold);
  const { head, found, reason } = await serverPair(s, o);
  assertHead(head);
  if (reason) log.info(`Base chosen by "${s.url}": ${terminalText(reason)}`);
  const check = !!o.check;
  const base = requireBase(found, head, { check, allowed: !!o["allow-no-base"] || thresholds.no_base === "pass" });
  if (!base) return passWithoutBase(head, found.where);
  assertSameMode(base, head);
  const c = compareRuns(base, head, { thresholds, extraMetrics: o.stat });
  return report(c, { thresholds }, { check, json: !!o.json, markdown: o.markdown });
}

function passWithoutBase(head: RunRecord, where: string): number {
  log.warn(`No base to compare run "${head.id}" with (no finished ${head.mode} run with results on ${terminalText(where)}): the check passes, as allowed`);
  return 0;
}

function report(
  c: Comparison,
  ctx: Pick<CompareContext, "thresholds">,
  o: { check: boolean; json: boolean; markdown?: string; out?: ConsoleOut },
): number {
  const out = o.out ?? stdout;
  const gate = gateOutcome(c, ctx.thresholds);
  for (const w of c.warnings) log.warn(terminalText(w));
  if (o.json) printJson("compare", { base: c.base.id, head: c.head.id, rows: c.rows, missing: c.missing, regressions: c.regressions.length, failures: gate.failures, warnings: c.warnings });
  else out.write(renderComparison(c, useColor(out.fd)) + "\n");
  const md = o.markdown !== undefined || process.env.GITHUB_STEP_SUMMARY ? markdownSummary(c.head, c, gate) : "";
  if (o.markdown !== undefined) writeFileSync(o.markdown, md);
  if (process.env.GITHUB_ACTIONS === "true" && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, md + "\n");
  if (gate.warnings.length) log.warn(`${gate.warnings.length} base benchmark${gate.warnings.length > 1 ? "s are" : " is"} missing from the head (thresholds.missing: warn, or not gated):\n  ${gate.warnings.join("\n  ")}`);
  if (!o.check) return 0;
  if (gate.failures.length === 0) {
    log.info(`No regression beyond the thresholds (${c.rows.filter((r) => r.allowed !== undefined && r.base !== null && r.head !== null).length} gated metrics compared)`);
    return 0;
  }
  const regressed = c.regressions.length;
  const missing = gate.failures.length - regressed;
  const what = [
    regressed ? `${regressed} benchmark metric${regressed > 1 ? "s" : ""} regressed beyond the threshold` : "",
    missing ? `${missing} benchmark${missing > 1 ? "s" : ""} of the base ${missing > 1 ? "are" : "is"} missing from the head` : "",
  ].filter(Boolean);
  log.error(`${what.join(" and ")}:\n  ${gate.failures.join("\n  ")}`);
  return 1;
}

/**
 * Compares a run that just finished with `base`; the run pipeline's `--compare`, under the same
 * rules as `compare --check`. Returns the exit code: 1 when the check fails.
 */
export async function compareAfterRun(opts: {
  cwd: string;
  base: string;
  headRunId: string;
  check: boolean;
  allowNoBase?: boolean;
  configThresholds?: unknown;
  historyPath?: string;
  /** `pacer run --json`: the comparison goes to stderr, stdout keeps only the run's JSON. */
  json?: boolean;
}): Promise<number> {
  const ctx = await openContext({ cwd: opts.cwd, loaded: { thresholds: opts.configThresholds, historyPath: opts.historyPath } });
  try {
    const head = await loadRun(ctx.history, opts.cwd, opts.headRunId);
    assertHead(head);
    const found = await resolveBase(ctx.history, opts.cwd, opts.base === "latest" ? "latest~1" : opts.base, head);
    const base = requireBase(found, head, { check: opts.check, allowed: !!opts.allowNoBase || ctx.thresholds.no_base === "pass" });
    if (!base) return passWithoutBase(head, found.where);
    assertSameMode(base, head);
    const c = compareRuns(base, head, { thresholds: ctx.thresholds, runToRunCv: historyNoise(ctx.history, base, head) });
    return report(c, ctx, { check: opts.check, json: false, out: opts.json ? stderr : stdout });
  } finally {
    ctx.history.close();
  }
}
