/**
 * The flags every command takes, anywhere before `--`: `--color`, `--quiet`, `--verbose`, `--debug`.
 * src/cli.ts takes them out before the command parses its own flags, so no command lists them.
 *
 * @module
 */
import { PacerError } from "../../errors.ts";

export interface GlobalFlags {
  debug: boolean;
  color?: string;
  /** `--quiet`: errors and the final result only; `--verbose`: debug lines and every probe detail. */
  verbosity?: "quiet" | "verbose";
  /** The command line without the global flags (everything after `--` is left as it is). */
  rest: string[];
}

/** Their names, for "did you mean" on a mistyped flag of any command. */
export const GLOBAL_FLAG_NAMES = ["color", "no-color", "quiet", "verbose", "debug"] as const;

export function takeGlobalFlags(argv: string[]): GlobalFlags {
  const out: GlobalFlags = { debug: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.rest.push(...argv.slice(i));
      break;
    }
    if (a === "--debug") out.debug = true;
    else if (a === "--quiet" || a === "-q") out.verbosity = "quiet";
    else if (a === "--verbose" || a === "-v") out.verbosity = "verbose";
    else if (a === "--no-color") out.color = "never";
    else if (a.startsWith("--color=")) out.color = a.slice("--color=".length);
    else if (a === "--color") {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("-")) {
        throw new PacerError("E_USAGE", "Missing the value of --color", { hint: "Use --color=auto, --color=always or --color=never" });
      }
      out.color = v;
      i++;
    } else out.rest.push(a);
  }
  return out;
}
