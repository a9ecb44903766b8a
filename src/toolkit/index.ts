/**
 * The plugin toolkit: what built-ins and user plugins share instead of each writing their own
 * (reaches user plugins as `ctx.toolkit`; built-ins may import this module, it is the same code).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { Toolkit } from "../plugin/types.ts";
import { readElf } from "./elf/read-elf.ts";
import { forEachLine, lines } from "./lines.ts";
import { logLevel } from "./log-level.ts";
import { shellQuote, shellSplit } from "./shell.ts";
import { readRunRecord, writeRunRecord } from "./run-record.ts";
import { spawn } from "./spawn.ts";
import { toolStamp } from "./tool-stamp.ts";
import { makeFifo } from "../system/mkfifo.ts";
import { benchmarkUid, readOwnedFile } from "./owned-file.ts";
import { linkGuard } from "./link-guard.ts";

export { commandString, shellQuoteArg } from "./shell.ts";
export { benchmarkUid, forEachLine, lines, logLevel, readElf, readOwnedFile, readRunRecord, shellQuote, shellSplit, spawn, toolStamp, writeRunRecord };
export type { ElfInfo, OwnedRead, SpawnOptions, Spawned, Toolkit } from "../plugin/types.ts";
export type { ElfSymbol } from "./elf/symbols.ts";

export const toolkit: Toolkit = {
  shellQuote,
  shellSplit,
  lines,
  forEachLine,
  readElf,
  spawn,
  logLevel,
  writeRunRecord,
  readRunRecord,
  toolStamp: (names) => toolStamp(names),
  mkfifo: (path, mode) => makeFifo(path, mode),
  readOwnedFile: (path, uid) => readOwnedFile(path, uid ?? benchmarkUid()),
  error: (code, message, hint) => new PacerError(code, message, hint === undefined ? {} : { hint }),
  linkGuard: linkGuard(),
};
