/**
 * Ctrl-C / SIGTERM handling: the first signal stops the benchmark's process group and lets the run
 * unwind (teardown, FIFO removal); a second one cleans up synchronously and exits at once.
 *
 * @module
 */
import { stderr } from "../log/console-out.ts";

const syncCleanups = new Set<() => void>();
let received: NodeJS.Signals | undefined;
let onSignal: ((sig: NodeJS.Signals) => void) | undefined;

/** Registers a synchronous cleanup that must run on every exit path; returns its remover. */
export function onExitCleanup(fn: () => void): () => void {
  syncCleanups.add(fn);
  return () => syncCleanups.delete(fn);
}

export function runSyncCleanups(): void {
  for (const fn of [...syncCleanups].reverse()) {
    try {
      fn();
    } catch {
      // Best effort: exiting anyway.
    }
  }
  syncCleanups.clear();
}

export function exitCodeForSignal(sig: NodeJS.Signals): number {
  return sig === "SIGINT" ? 130 : sig === "SIGTERM" ? 143 : 128 + 1;
}

/** The signal received so far, if any. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return received;
}

/** Sets what the first signal does (e.g. kill the benchmark tree). */
export function setInterruptHandler(fn: ((sig: NodeJS.Signals) => void) | undefined): void {
  onSignal = fn;
}

let installed = false;

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  process.on("exit", runSyncCleanups);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as NodeJS.Signals[]) {
    process.on(sig, () => {
      if (received || !onSignal) {
        // Outside the benchmark (probe, collect) or on a second signal: clean up and stop now.
        stderr.write(`Interrupted by ${sig}: stopping now\n`);
        runSyncCleanups();
        process.exit(exitCodeForSignal(received ?? sig));
      }
      received = sig;
      onSignal(sig);
    });
  }
}
