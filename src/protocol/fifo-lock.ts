/**
 * The host-wide lock that makes one pacer at a time own the runner FIFO paths: the CodSpeed clients
 * have the paths hard-coded, so two runs serving them at once would answer each other's benchmarks.
 *
 * @module
 */
import { closeSync, constants, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { pidExists } from "../system/pid-exists.ts";
import type { Logger } from "../plugin/types.ts";

const EMPTY_LOCK_GRACE_MS = 5000;

export interface FifoLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; idempotent and synchronous (safe in exit handlers). */
  release(): void;
}

export interface FifoLockOptions {
  log: Logger;
  /** How long to wait for another live pacer to finish (default 30 s). */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Takes `path` (created with `O_EXCL`, holding our pid). A lock whose pid is dead is stale and is
 * removed; a live holder is waited for until `timeoutMs`.
 *
 * @throws {PacerError} `E_IO` naming the holder's pid when the wait times out.
 * @example
 * ```ts
 * const lock = await acquireFifoLock("/tmp/runner.ctl.fifo.lock", { log });
 * try { serve(); } finally { lock.release(); }
 * ```
 */
export async function acquireFifoLock(path: string, opts: FifoLockOptions): Promise<FifoLock> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    if (tryCreate(path)) return lockOf(path);
    const holder = readHolder(path);
    if (holder === undefined) continue; // removed between our open and our read: try again
    if (holder === process.pid) {
      throw new PacerError("E_IO", `Cannot lock "${path}": this process already holds it`, {
        hint: "Close the previous FIFO server before starting another one",
      });
    }
    // No pid after a few seconds: its creator died between creating and writing it.
    if (holder === null ? olderThan(path, EMPTY_LOCK_GRACE_MS) : !pidExists(holder)) {
      opts.log.warn(`Removing stale lock "${path}" of pid ${holder ?? "unknown"}, which is no longer running`);
      breakStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PacerError(
        "E_IO",
        `Cannot serve the runner FIFOs: another pacer (pid ${holder ?? "unknown"}) holds "${path}" after waiting ${timeoutMs} ms`,
        { hint: `Wait for that run to finish, or if pid ${holder ?? "unknown"} is not pacer, remove "${path}"` },
      );
    }
    if (!announced) {
      opts.log.info(`Waiting for pacer pid ${holder ?? "unknown"} to release "${path}"`);
      announced = true;
    }
    await Bun.sleep(opts.pollMs ?? 200);
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new PacerError("E_IO", `Cannot create the FIFO lock "${path}": ${(err as Error).message}`, { cause: err });
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The holder's pid; `null` when unreadable (being written), `undefined` when the file is gone. */
function readHolder(path: string): number | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Removes a stale lock without deleting a fresh one: another run may have broken the same stale lock
 * and taken its own since we read it. Moving it aside is atomic; if what we moved is not the stale
 * lock any more, it goes back.
 */
function breakStale(path: string, stale: number | null): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (readHolder(aside) !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // EEXIST: yet another run holds it now; the one we moved lost it, and will see that on release.
    }
  }
  unlinkQuiet(aside);
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}


function lockOf(path: string): FifoLock {
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      if (readHolder(path) === process.pid) unlinkQuiet(path);
    },
  };
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
