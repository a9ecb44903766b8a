/**
 * `node:util` parseArgs with pacer's error style: an unknown flag or a missing value is one clear
 * line and exit 2.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PacerError, errorMessage } from "../../errors.ts";

export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const msg = errorMessage(err).replace(/\. To specify a positional argument.*$/s, "");
    throw new PacerError("E_USAGE", `Invalid arguments for "pacer ${command}": ${msg}`, {
      hint: `Run \`pacer ${command} --help\`; put the benchmark command after \`--\` when it has flags of its own`,
    });
  }
}

/** Environment booleans as the CodSpeed runner reads them. */
export function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  return ["true", "1", "yes", "on"].includes(value.toLowerCase());
}
