/**
 * Untrusted text made inert in Markdown (GitHub's PR comments and step summaries): HTML tags become
 * text, Markdown punctuation is backslash-escaped (no links, images, emphasis or `|` column breaks),
 * and control characters and newlines are shown as escapes so a name stays on its table row.
 *
 * @module
 */
import { elide, terminalText } from "./terminal-text.ts";

// CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that mean something
// inside a line (`.`, `-`, `+` only start lists at the start of a line, where no name goes); `:`
// and `@` stop autolinks and mentions.
const PUNCT = /[\\`*_{}[\]()#!|~:@]/g;
const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** `s` as inline Markdown text that renders exactly as written. */
export function markdownText(s: string): string {
  return terminalText(s)
    .replace(PUNCT, (c) => `\\${c}`)
    .replace(/[&<>"]/g, (c) => HTML[c]!);
}

/** Longest name a Markdown table cell shows. */
export const MAX_MARKDOWN_CELL = 100;

/** A name as a Markdown table cell: escaped and elided (the full name is in the JSON exports). */
export function markdownCell(s: string, max = MAX_MARKDOWN_CELL): string {
  return markdownText(elide(terminalText(s), max));
}
