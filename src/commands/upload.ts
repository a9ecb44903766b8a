/**
 * `pacer upload --profile-folder <dir>`: uploads the profile folder of an earlier run (one whose
 * upload failed, or a run made offline), like the CodSpeed runner's `--skip-run`.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { parseFlags } from "./_shared/parse.ts";

const HELP = `Usage: pacer upload --profile-folder <dir> [options]

Uploads the profile folder of a finished run (kept after a failed upload) to the results server.

Options:
      --profile-folder <dir>  The folder to upload (required)
      --executor <name>       the mode's executor or mode name (default: inferred from the folder)
      --token <token>         Upload token (env CODSPEED_TOKEN)
      --upload-url <url>      Upload endpoint (env CODSPEED_UPLOAD_URL; default CodSpeed's)
      --api-url <url>         Results API (env CODSPEED_API_URL)
      --allow-empty           Do not fail when the run has no results
      --poll / --no-poll      Wait for the report and show it (default: local runs only)
      --upload-timeout <s>    Give up after this many seconds in total, retries included
                              (env PACER_UPLOAD_TIMEOUT; default 1800)
      --stall-timeout <s>     Retry a request when no byte moved for this long
                              (env PACER_UPLOAD_STALL_TIMEOUT; default 30)
  -h, --help                  Show this help
`;

export default async function upload(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    "upload",
    argv,
    {
      "profile-folder": { type: "string" },
      executor: { type: "string" },
      token: { type: "string" },
      "upload-url": { type: "string" },
      "api-url": { type: "string" },
      "allow-empty": { type: "boolean" },
      poll: { type: "boolean" },
      "no-poll": { type: "boolean" },
      "upload-timeout": { type: "string" },
      "stall-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const folder = values["profile-folder"];
  if (!folder || positionals.length) {
    throw new PacerError("E_USAGE", "Missing --profile-folder", { hint: "Example: pacer upload --profile-folder /tmp/profile.abc.out" });
  }
  const { inferMode, uploadProfile } = await import("../upload/index.ts");
  const { BUILTIN_MODES } = await import("../plugin/builtin-modes.ts");
  const { executorOf } = await import("../plugin/modes.ts");
  const { existsSync } = await import("node:fs");
  if (!existsSync(folder)) {
    throw new PacerError("E_UPLOAD", `Cannot upload "${folder}": the folder does not exist`, { hint: "Pass the folder printed by the failed run" });
  }
  const given = values.executor;
  const mode = given
    ? BUILTIN_MODES.find((m) => executorOf(m) === given || m.name === given || m.aliases?.includes(given))
    : inferMode(folder, BUILTIN_MODES);
  if (!mode && !given) {
    throw new PacerError("E_UPLOAD", `Cannot upload "${folder}": no mode recognizes its files`, { hint: "Pass --executor <name>" });
  }
  const res = await uploadProfile({
    profileFolder: folder,
    // An executor no mode declares is passed through as given (a server may know it).
    executor: mode ? executorOf(mode) : given!,
    archiveEncoding: mode?.archiveEncoding,
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
  return 0;
}
