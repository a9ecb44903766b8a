/**
 * Shell quoting and splitting, from the bundled `shlex` (a port of Python's): the one place pacer
 * turns an argv into a bash string or back.
 *
 * @module
 */
import { quote, split } from "shlex";
import { PacerError } from "../errors.ts";

/** Quotes one argument for bash, leaving plain words untouched (`''` for the empty string). */
export const shellQuoteArg = (arg: string): string => quote(arg);

/** Joins an argv into a bash command line that hands each argument over intact. */
export const shellQuote = (argv: string[]): string => argv.map(quote).join(" ");

/**
 * Splits a command line into words (POSIX quotes and escapes, no expansion, no operators).
 * Throws an E_USAGE error on an unclosed quote or a trailing backslash.
 *
 * @example
 * ```ts
 * shellSplit(`node bench.js --name "a b"`); // ["node", "bench.js", "--name", "a b"]
 * ```
 */
export function shellSplit(text: string): string[] {
  try {
    return split(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const reason = /quot/i.test(msg) ? "unclosed quote" : /escap/i.test(msg) ? "trailing backslash" : msg;
    throw new PacerError("E_USAGE", `Cannot split the command line "${text}": ${reason}`, { hint: "Close the quote or escape it" });
  }
}

/**
 * The shell string a `pacer run -- <argv>` executes. A single argument is a shell command as
 * written (multi-line scripts, pipes, the GitHub Action's `run` input); several arguments are an
 * argv and are quoted so each reaches the program intact.
 */
export function commandString(argv: string[]): string {
  if (argv.length === 1) return argv[0]!.trim();
  return shellQuote(argv);
}
