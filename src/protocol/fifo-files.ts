/**
 * Creating and removing the FIFO special files (mode 0700 exactly: src/system/mkfifo.ts).
 *
 * @module
 */
import { lstatSync, unlinkSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { makeFifo } from "../system/mkfifo.ts";

/**
 * Makes `path` a fresh FIFO of ours. A FIFO of ours already there is from a dead run (the caller holds
 * the lock) and is replaced; anything else is refused rather than deleted.
 *
 * @throws {PacerError} `E_IO` when `path` is not a FIFO, is not ours, or `mkfifo` fails.
 */
export function createFifo(path: string): void {
  const st = lstatQuiet(path);
  if (st) {
    if (!st.isFIFO()) {
      throw new PacerError("E_IO", `Cannot create the runner FIFO "${path}": the path exists and is not a FIFO`, {
        hint: `Remove "${path}" if nothing needs it, then run again`,
      });
    }
    if (st.uid !== process.getuid?.()) {
      throw new PacerError("E_IO", `Cannot reuse the runner FIFO "${path}": it belongs to uid ${st.uid}, not to uid ${process.getuid?.()}`, {
        hint: `Another user's benchmark run may be using it; remove "${path}" once that run is over`,
      });
    }
    unlinkSync(path);
  }
  try {
    makeFifo(path, 0o700);
  } catch (err) {
    throw new PacerError("E_IO", `Cannot create the runner FIFO "${path}": ${(err as Error).message}`, {
      hint: "Check that `mkfifo` (coreutils) is installed and the directory is writable",
      cause: err,
    });
  }
}

/** Unlinks `path` if it is a FIFO; silent when it is already gone. Synchronous for exit handlers. */
export function removeFifo(path: string): void {
  if (!lstatQuiet(path)?.isFIFO()) return;
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

function lstatQuiet(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
