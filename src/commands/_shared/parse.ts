/**
 * `node:util` parseArgs with pacer's error style: an unknown flag or a missing value is one clear
 * line and exit 2, with a "did you mean" for a mistyped flag. Every command parses through here.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestKey } from "../../config/suggest.ts";
import { PacerError, errorMessage } from "../../errors.ts";
import { GLOBAL_FLAG_NAMES } from "./global-flags.ts";
import { isTrueWord } from "../../toolkit/bool-words.ts";

/** The flag of `options` (or a global flag) closest to the unknown `--flag` in `message`, if any. */
export function flagSuggestion(message: string, options: Record<string, unknown>): string | undefined {
  const unknown = /^Unknown option '--([^'=]+)/.exec(message)?.[1];
  if (!unknown) return undefined;
  const guess = closestKey(unknown, [...Object.keys(options), ...GLOBAL_FLAG_NAMES]);
  return guess ? `--${guess}` : undefined;
}

/** The commands whose positionals are a benchmark command: a flag of that command is the likely mistake. */
const TAKES_A_COMMAND = new Set(["run", "exec"]);

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
    const guess = flagSuggestion(msg, options);
    throw new PacerError("E_USAGE", `Invalid arguments for "pacer ${command}": ${msg}${guess ? `, did you mean "${guess}"?` : ""}`, {
      hint: `Run \`pacer ${command} --help\`${TAKES_A_COMMAND.has(command) ? "; put the benchmark command after `--` when it has flags of its own" : ""}`,
    });
  }
}

/** Environment booleans as the CodSpeed runner reads them. */
export function envFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  return isTrueWord(value);
}
