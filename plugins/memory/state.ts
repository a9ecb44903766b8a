/**
 * What one memory run keeps between hooks: the tracking flag file (flipped with pwrite on
 * StartBenchmark/StopBenchmark), the folder the preload library writes into, the windows, and the
 * bpftrace session of statically linked executables.
 *
 * @module
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { PluginContext } from "../../src/index.ts";
import type { BpftraceSession } from "./bpftrace-session.ts";
import { WindowTracker } from "./windows.ts";

export interface MemoryRunState {
  flagPath: string;
  flagFd: number;
  eventsDir: string;
  windows: WindowTracker;
  /** One line per executable: which tracker measures it and why. */
  choices: string[];
  bpftrace?: BpftraceSession;
  /** `PingPerf` commands received: only protocol-v1 integrations send them. */
  v1Pings: number;
  /** The last `SetIntegration`, for naming a v1 client. */
  integration?: { name: string; version: string };
}

/** The `start` hook: creates the run state in the plugin's temp folder. */
export function newMemoryState(ctx: Pick<PluginContext<unknown>, "tempDir">): MemoryRunState {
  const eventsDir = join(ctx.tempDir, "events");
  mkdirSync(eventsDir, { recursive: true });
  const flagPath = join(ctx.tempDir, "tracking.flag");
  const flagFd = openSync(flagPath, "w+");
  writeSync(flagFd, new Uint8Array([0]), 0, 1, 0);
  return { flagPath, flagFd, eventsDir, windows: new WindowTracker(), choices: [], v1Pings: 0 };
}

/** Turns recording on or off in every tracked process (they read the byte through a shared mapping). */
export function setTracking(state: MemoryRunState, on: boolean): void {
  writeSync(state.flagFd, new Uint8Array([on ? 1 : 0]), 0, 1, 0);
}

/** Stops bpftrace if it still runs and closes the flag file. */
export async function releaseState(state: MemoryRunState | undefined): Promise<void> {
  if (!state || state.flagFd < 0) return;
  if (state.bpftrace) await state.bpftrace.stop().catch(() => undefined);
  closeSync(state.flagFd);
  state.flagFd = -1;
}
