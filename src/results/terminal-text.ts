/**
 * Untrusted text (benchmark, branch and command names) made safe for a terminal: no byte of it can
 * move the cursor, retitle the window, clear the screen or split a table row. Shared by every
 * command that prints names; JSON and CSV outputs keep the exact text instead.
 *
 * @module
 */

// C0 controls (tab and newline included: both break table rows), DEL, C1 controls (a bare 0x9b is
// a CSI on some terminals), and the bidirectional overrides/isolates that reorder what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e" };

/** `s` with every unsafe character shown as an escape (`\e`, `\n`, `\x07`, `\u202e`). */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Longest name a table cell shows before eliding (in characters). */
export const MAX_CELL = 60;

/**
 * `s` cut to `max` characters with an ellipsis in the middle: names often share a long prefix
 * (`bench/file.ts::`) and differ at the end, so both ends are kept.
 */
export function elide(s: string, max = MAX_CELL): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join("") + "…" + chars.slice(chars.length - (keep - head)).join("");
}

/** A name as a terminal table cell: escaped, then elided. */
export function terminalCell(s: string, max = MAX_CELL): string {
  return elide(terminalText(s), max);
}
