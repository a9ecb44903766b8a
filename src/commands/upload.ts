/**
 * `pacer upload --profile-folder <dir>`: uploads the profile folder of an earlier run (one whose
 * upload failed, or a run made offline), like the CodSpeed runner's `--skip-run`.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import type { ModeSpec } from "../plugin/types.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer upload --profile-folder <dir> [options]

Uploads the profile folder of a finished run (kept after a failed upload) to the results server.

Options:
      --profile-folder <dir>  The folder to upload (required)
      --mode <mode>           The folder's mode (default: its pacer-run.json, else its files)
      --plugin <file.ts>      Load a user plugin (for a folder of a user plugin's mode); repeatable
      --executor <name>       Upload metadata executor (default: the mode's)
      --token <token>         Upload token (env CODSPEED_TOKEN)
      --upload-url <url>      Upload endpoint (env CODSPEED_UPLOAD_URL; default CodSpeed's)
      --api-url <url>         Results API (env CODSPEED_API_URL)
      --allow-empty           Do not fail when the run has no results
      --poll / --no-poll      Wait for the report and show it (default: local runs only)
      --upload-timeout <s>    Give up after this many seconds in total, retries included
                              (env PACER_UPLOAD_TIMEOUT; default 1800)
      --stall-timeout <s>     Retry a request when no byte moved for this long
                              (env PACER_UPLOAD_STALL_TIMEOUT; default 30)
      --json                  Print the uploaded run as JSON
  -h, --help                  Show this help
`;

/**
 * Reads the folder through its mode's instruments, as `pacer analyze` does, so an unreadable or empty
 * folder fails here rather than on the server; returns its mode.
 */
async function checkedMode(folder: string, mode: string | undefined, plugins: string[], allowEmpty: boolean): Promise<ModeSpec> {
  const { readFolder } = await import("../run/read-folder.ts");
  const { resolve } = await import("node:path");
  const cwd = process.cwd();
  const r = await readFolder({ folder, cwd, mode, allowEmpty, userSpecs: plugins.map((p) => ({ path: resolve(cwd, p) })) });
  const log = createLogger();
  for (const f of r.failures) log.warn(f.message);
  if (!allowEmpty && !r.measurements.some((m) => m.benchmarks.length)) {
    throw new PacerError("E_RESULTS", `Cannot upload "${folder}": its ${r.mode.name} instruments found no benchmark results in it`, {
      hint: "Pass --allow-empty if that is expected",
    });
  }
  // A run that uploaded nothing left its profile for later: the collect above made its files.
  const { saveFolderProfiles } = await import("../run/complete-profile.ts");
  saveFolderProfiles(resolve(cwd, folder), r.measurements);
  return r.mode;
}

export default async function upload(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    "upload",
    argv,
    {
      "profile-folder": { type: "string" },
      mode: { type: "string" },
      plugin: { type: "string", multiple: true },
      executor: { type: "string" },
      token: { type: "string" },
      "upload-url": { type: "string" },
      "api-url": { type: "string" },
      "allow-empty": { type: "boolean" },
      poll: { type: "boolean" },
      "no-poll": { type: "boolean" },
      "upload-timeout": { type: "string" },
      "stall-timeout": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  const folder = values["profile-folder"];
  if (!folder || positionals.length) {
    throw new PacerError("E_USAGE", "Missing --profile-folder", { hint: "Example: pacer upload --profile-folder /tmp/profile.abc.out" });
  }
  const { uploadProfile } = await import("../upload/index.ts");
  const { existsSync } = await import("node:fs");
  if (!existsSync(folder)) {
    throw new PacerError("E_UPLOAD", `Cannot upload "${folder}": the folder does not exist`, { hint: "Pass the folder printed by the failed run" });
  }
  // Read through the folder's mode (as `pacer analyze` does); --executor only renames it on the wire.
  const mode = await checkedMode(folder, values.mode, values.plugin ?? [], !!values["allow-empty"]);
  const { executorOf } = await import("../plugin/modes.ts");
  const res = await uploadProfile({
    profileFolder: folder,
    executor: values.executor ?? executorOf(mode),
    archiveEncoding: mode.archiveEncoding,
    allowEmpty: !!values["allow-empty"],
    token: values.token,
    // The user asked for an upload: CodSpeed's endpoint is the default even for a local run.
    uploadUrl: values["upload-url"],
    apiUrl: values["api-url"],
    cwd: process.cwd(),
    poll: values["no-poll"] ? false : values.poll,
    timeout: values["upload-timeout"],
    stallTimeout: values["stall-timeout"],
  });
  const log = createLogger();
  log.info(`Uploaded run "${res.runId}"${res.owner ? ` of ${res.owner}/${res.repository}` : ""}`);
  if (res.reportUrl) log.info(`Report: ${res.reportUrl}`);
  if (values.json) printJson("upload", { runId: res.runId, owner: res.owner ?? null, repository: res.repository ?? null, reportUrl: res.reportUrl ?? null });
  return 0;
}
