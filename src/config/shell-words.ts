/**
 * Splits a `benchmarks[].exec` string into argv the way the CodSpeed runner does (Rust `shell-words`):
 * POSIX quoting and escapes, no variable expansion, no operators. Uses `shlex` (a port of Python's
 * `shlex.split`). Known differences from `shell-words`: a `#` word is kept (not a comment), and inside
 * double quotes a backslash only escapes `"` and `\` (so `"\$"` stays `\$`).
 *
 * @module
 */
import { split } from "shlex";

/** Outcome of splitting: the words, or why the text cannot be split (e.g. an unclosed quote). */
export type SplitResult = { ok: true; argv: string[] } | { ok: false; reason: string };

/**
 * Splits a command line into words.
 *
 * @example
 * ```ts
 * splitShellWords(`node bench.js --name "a b"`); // { ok: true, argv: ["node", "bench.js", "--name", "a b"] }
 * splitShellWords(`echo "oops`);                 // { ok: false, reason: "unclosed quote" }
 * ```
 */
export function splitShellWords(text: string): SplitResult {
  try {
    return { ok: true, argv: split(text) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: /quot/i.test(msg) ? "unclosed quote" : /escap/i.test(msg) ? "trailing backslash" : msg };
  }
}
