/**
 * `pacer analyze <profile-folder>`: re-reads the profile folder of an earlier run (or one copied from
 * another machine) through its instruments' offline `collect` and prints the results tables. It
 * changes nothing: no history, no upload; the folder is only read.
 *
 * @module
 */
import { resolve } from "node:path";
import { PacerError } from "../errors.ts";
import { useColor } from "../log/color.ts";
import { createLogger } from "../log/logger.ts";
import { renderTable } from "../results/table.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer analyze <profile-folder> [options]

Reads the profile folder of a finished run through its instruments (the mode comes from the
folder's pacer-run.json, else from its files) and prints the results, as the run did. Read-only:
the history and the folder are not changed.

Options:
      --mode <mode>       Read the folder as this mode (default: from the folder)
      --plugin <file.ts>  Load a user plugin (needed for a folder of a user plugin's mode); repeatable
      --json              Print the results as JSON
      --allow-empty       Do not fail when the folder holds no benchmark results
  -h, --help              Show this help
`;

export default async function analyze(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("analyze", argv, {
    mode: { type: "string" },
    plugin: { type: "string", multiple: true },
    json: { type: "boolean" },
    "allow-empty": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new PacerError("E_USAGE", positionals.length ? `Expected one profile folder, got ${positionals.length}` : "Missing the profile folder", {
      hint: "Example: pacer analyze /tmp/profile.abc.out",
    });
  }
  const { readFolder } = await import("../run/read-folder.ts");
  const cwd = process.cwd();
  const r = await readFolder({
    folder: positionals[0]!,
    cwd,
    mode: values.mode,
    userSpecs: (values.plugin ?? []).map((p) => ({ path: resolve(cwd, p) })),
    allowEmpty: !!values["allow-empty"],
  });
  const log = createLogger();
  for (const f of r.failures) log.error(f.message);
  if (r.failures.length) {
    throw new PacerError("E_RESULTS", `Cannot read "${r.folder}": ${r.failures.length} instrument(s) failed to read it`, {
      hint: "The errors above name the instrument and the file; a folder from an older pacer may lack what they need",
    });
  }
  // A run that left its profile for later: reading the folder made it; its record says so now.
  const { saveFolderProfiles } = await import("../run/complete-profile.ts");
  saveFolderProfiles(r.folder, r.measurements);
  const empty = !r.measurements.some((m) => m.benchmarks.length);
  if (empty && !values["allow-empty"]) {
    throw new PacerError("E_RESULTS", `The ${r.mode.name} profile folder "${r.folder}" holds no benchmark results`, {
      hint: "Pass --allow-empty if that is expected, or --mode if the folder is of another mode",
    });
  }
  if (values.json) {
    printJson("analyze", { folder: r.folder, mode: r.mode.name, modeFrom: r.modeFrom, runId: r.record?.id ?? null, measurements: r.measurements });
    return 0;
  }
  const color = useColor(1);
  for (const m of r.measurements) stdout.write(renderTable(m, color) + "\n\n");
  log.info(`Read "${r.folder}" as ${r.mode.name} (mode from ${r.modeFrom === "files" ? "its files" : r.modeFrom === "record" ? "pacer-run.json" : "--mode"})`);
  return 0;
}
