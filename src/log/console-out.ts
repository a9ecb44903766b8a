/**
 * pacer's standard output and standard error, written with `writeSync` on fds 1 and 2. Bun's
 * `process.stdout`/`process.stderr` are node:stream objects whose first use loads node:tty and the
 * stream machinery: ~25 ms at every start, a tenth of what a walltime run adds to its benchmark.
 * A write here is whole and in order when it returns, so lines from the logger, the tables and the
 * benchmark's own output (the tee) never overtake each other.
 *
 * A reader that goes away (`pacer runs --json | head -1`) is not an error: the rest of that output
 * is dropped without a word, and the command ends with its own exit code (a run is still recorded,
 * `compare --check | head` still fails on a regression).
 *
 * @example
 * ```ts
 * import { stdout, isTerminal } from "./console-out.ts";
 * stdout.write(isTerminal(1) ? "\x1b[1mdone\x1b[0m\n" : "done\n");
 * ```
 *
 * @module
 */
import { writeSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { loadLibc } from "../system/libc.ts";

/** One of pacer's two console outputs. */
export interface ConsoleOut {
  readonly fd: 1 | 2;
  /**
   * Writes all of `text` before returning; false when the reader has gone (nothing more is
   * written to this output after that).
   *
   * @throws {PacerError} `E_IO` when standard output cannot be written for another reason (a
   * full disk behind a redirection): the command must not report success with its output lost.
   */
  write(text: string | Uint8Array): boolean;
}

/** How long to wait when an output opened non-blocking by another process is full. */
const FULL_PIPE_WAIT_MS = 1;

function consoleOut(fd: 1 | 2): ConsoleOut {
  let open = true;
  return {
    fd,
    write(text) {
      if (!open) return false;
      const bytes = typeof text === "string" ? Buffer.from(text) : text;
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === "EAGAIN") {
            Bun.sleepSync(FULL_PIPE_WAIT_MS);
            continue;
          }
          open = false;
          // Standard error has nowhere to report its own failure; a closed reader is no failure.
          if (code === "EPIPE" || fd === 2) return false;
          throw new PacerError("E_IO", `Cannot write to standard output: ${(err as Error).message}`, {
            cause: err,
            hint: "Free space where the output goes, or send it elsewhere",
          });
        }
      }
      return true;
    },
  };
}

export const stdout: ConsoleOut = consoleOut(1);
export const stderr: ConsoleOut = consoleOut(2);

const terminals = new Map<number, boolean>();

/** Whether `fd` is a terminal, asked once per fd: the C library's `isatty`, node:tty's where that cannot load. */
export function isTerminal(fd: number): boolean {
  let yes = terminals.get(fd);
  if (yes === undefined) {
    const libc = loadLibc();
    yes = libc ? libc.isatty(fd) : (require("node:tty") as typeof import("node:tty")).isatty(fd);
    terminals.set(fd, yes);
  }
  return yes;
}
