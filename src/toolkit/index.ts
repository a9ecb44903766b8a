/**
 * The plugin toolkit: what built-ins and user plugins share instead of each writing their own
 * (reaches user plugins as `ctx.toolkit`; built-ins may import this module, it is the same code).
 *
 * @module
 */
import { PacerError, type ErrorCode } from "../errors.ts";
import { readElf, type ElfInfo } from "./elf/read-elf.ts";
import { forEachLine, lines } from "./lines.ts";
import { logLevel, type PluginLogLevel } from "./log-level.ts";
import { shellQuote, shellSplit } from "./shell.ts";
import { spawn, type SpawnOptions, type Spawned } from "./spawn.ts";

export { commandString, shellQuoteArg } from "./shell.ts";
export { forEachLine, lines, logLevel, readElf, shellQuote, shellSplit, spawn };
export type { ElfInfo } from "./elf/read-elf.ts";
export type { ElfSymbol } from "./elf/symbols.ts";
export type { SpawnOptions, Spawned } from "./spawn.ts";

export interface Toolkit {
  /** Joins an argv into a bash command line (the bundled `shlex`). */
  shellQuote(argv: string[]): string;
  /** Splits a command line into words; throws an E_USAGE error on an unclosed quote. */
  shellSplit(s: string): string[];
  /** The lines of a byte stream, one partial line held at a time. */
  lines(stream: AsyncIterable<Uint8Array | string>): AsyncIterable<string>;
  /** The same, through a callback: faster for outputs of millions of lines. */
  forEachLine(stream: AsyncIterable<Uint8Array | string>, onLine: (line: string) => void): Promise<void>;
  /** One ELF reader: class, machine, linkage (the PT_INTERP check), symbols on demand. */
  readElf(path: string): ElfInfo | undefined;
  /** Starts a program with its output as streams. */
  spawn(argv: string[], opts?: SpawnOptions): Spawned;
  logLevel(): PluginLogLevel;
  /** A typed error: the host prints its message and hint, and exits by its code. */
  error(code: ErrorCode, message: string, hint?: string): PacerError;
}

export const toolkit: Toolkit = {
  shellQuote,
  shellSplit,
  lines,
  forEachLine,
  readElf,
  spawn,
  logLevel,
  error: (code, message, hint) => new PacerError(code, message, hint === undefined ? {} : { hint }),
};
