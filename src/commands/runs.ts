/**
 * `pacer runs`: lists the runs of the local history, newest first.
 *
 * @module
 */
import { openContext } from "../compare/context.ts";
import { PacerError } from "../errors.ts";
import type { RunRecord } from "../results/run-record.ts";
import { terminalCell } from "../results/terminal-text.ts";
import { serverRuns, serverRunsTable } from "../server-client/list-runs.ts";
import { loadProjectConfig } from "./_shared/common-run.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { SERVER_OPTIONS, serverHelp, serverFor } from "./_shared/server-flags.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer runs [options]

Lists the runs recorded in the local history (.pacer/history.db), newest first; with a results
server (--server), the project's runs there.

Options:
  -n, --limit <n>        At most n runs (default 20)
      --branch <name>    Only runs of this branch
      --mode <mode>      With --server: only runs of this mode
      --json             Print the runs as JSON (with their measurements)
      --config <file>    Config file (history path)
      --history <file>   History database
${serverHelp(25)}  -h, --help             Show this help
`;

function benchCount(r: RunRecord): number {
  return r.measurements.reduce((a, m) => a + m.benchmarks.length, 0);
}

export default async function (argv: string[]): Promise<number> {
  const { values } = parseFlags("runs", argv, {
      limit: { type: "string", short: "n" },
      branch: { type: "string" },
      json: { type: "boolean" },
      config: { type: "string" },
      history: { type: "string" },
      mode: { type: "string" },
      ...SERVER_OPTIONS,
      help: { type: "boolean", short: "h" },
  }, false);
  if (values.help) return (stdout.write(HELP), 0);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new PacerError("E_USAGE", `Invalid --limit "${values.limit}": expected a positive integer`);
  const loaded = await loadProjectConfig({ config: values.config });
  const server = serverFor(values, loaded, process.cwd());
  if (server) {
    const runs = await serverRuns(server, { limit, branch: values.branch, mode: values.mode });
    if (values.json) return (printJson("runs", { runs }), 0);
    stdout.write(runs.length ? serverRunsTable(runs) : `No runs of project "${server.owner}/${server.repo}" on "${server.url}"\n`);
    return 0;
  }
  const ctx = await openContext({ cwd: process.cwd(), historyPath: values.history, loaded: { thresholds: loaded.config.thresholds, historyPath: loaded.config.history.path } });
  try {
    const runs = ctx.history.list({ limit, branch: values.branch });
    if (values.json) {
      printJson("runs", { runs });
      return 0;
    }
    if (runs.length === 0) {
      stdout.write(`No runs recorded in "${ctx.history.path}"\n`);
      return 0;
    }
    const rows = runs.map((r) => [
      r.id,
      r.status,
      r.mode,
      r.git.branch ? terminalCell(r.git.branch, 40) : "-",
      r.git.commit ? r.git.commit.slice(0, 7) + (r.git.dirty ? "*" : "") : "-",
      String(benchCount(r)),
      r.startedAt.replace("T", " ").slice(0, 19),
      terminalCell(r.command, 40),
    ]);
    const head = ["ID", "STATUS", "MODE", "BRANCH", "COMMIT", "BENCHES", "STARTED (UTC)", "COMMAND"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
    stdout.write([line(head), ...rows.map(line)].join("\n") + "\n");
    if (runs.some((r) => r.git.dirty)) stdout.write("* uncommitted changes\n");
    return 0;
  } finally {
    ctx.history.close();
  }
}
