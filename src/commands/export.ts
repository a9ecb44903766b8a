/**
 * `pacer export [RUN] --format <f>`: the results of a run in another tool's format.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { openContext } from "../compare/context.ts";
import { defaultHead } from "../compare/find-runs.ts";
import { loadRun } from "../compare/load-run.ts";
import { PacerError } from "../errors.ts";
import { EXPORT_FORMATS, isExportFormat } from "../export/index.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer export [RUN] --format <format> [options]

Prints (or writes) the results of RUN (default: the latest run of the current branch).

Formats:
  bencher       Bencher Metric Format JSON (bencher run --adapter json)
  gab-smaller   github-action-benchmark, tool: customSmallerIsBetter (every metric)
  gab-bigger    github-action-benchmark, tool: customBiggerIsBetter (walltime ops/s)
  csv           One row per benchmark and metric, every statistic by name (exact names)

Walltime is exported as the median round time, the number the results table and compare show.

Options:
  -f, --format <format>  One of the formats above
  -o, --output <file>    Write to <file> instead of stdout
      --config <file>    Config file (history path)
      --history <file>   History database
      --json             With --output: print what was written as JSON
  -h, --help             Show this help
`;

export default async function (argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("export", argv, {
      format: { type: "string", short: "f" },
      output: { type: "string", short: "o" },
      config: { type: "string" },
      history: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
  });
  if (values.help) return (stdout.write(HELP), 0);
  const formats = Object.keys(EXPORT_FORMATS).join(", ");
  if (values.format === undefined) throw new PacerError("E_USAGE", "Missing --format", { hint: `Pass one of: ${formats}` });
  if (!isExportFormat(values.format)) throw new PacerError("E_USAGE", `Unknown export format "${values.format}"`, { hint: `Pass one of: ${formats}` });
  if (values.json && values.output === undefined) {
    throw new PacerError("E_USAGE", "--json needs --output <file>: without it the export itself is what goes to stdout", { hint: `Example: pacer export --format ${values.format} -o results.json --json` });
  }
  const cwd = process.cwd();
  const ctx = await openContext({ cwd, configPath: values.config, historyPath: values.history });
  try {
    const run = positionals[0] !== undefined ? await loadRun(ctx.history, cwd, positionals[0]) : defaultHead(ctx.history, cwd);
    const data: unknown = EXPORT_FORMATS[values.format](run);
    const json = typeof data === "string" ? data : JSON.stringify(data, null, 2) + "\n";
    if (values.output === undefined) stdout.write(json);
    else {
      const output = resolve(cwd, values.output);
      writeFileSync(output, json);
      if (values.json) printJson("export", { run: run.id, format: values.format, output, bytes: Buffer.byteLength(json) });
    }
    return 0;
  } finally {
    ctx.history.close();
  }
}
