/**
 * Benchmark windows: opened by StartBenchmark, closed by StopBenchmark, named by the
 * CurrentBenchmark{pid, uri} that follows. Events are attributed to a window by timestamp and, when
 * the process tree is known, to the benchmark's process and its descendants.
 *
 * @module
 */
import type { MemEvent } from "./event.ts";

export interface Window {
  startNs: bigint;
  stopNs?: bigint;
  uri?: string;
  pid?: number;
}

/** Tracks windows from integration events; duplicate starts and stray stops are ignored. */
export class WindowTracker {
  readonly windows: Window[] = [];

  /** Whether a window is open. */
  get open(): boolean {
    const last = this.windows.at(-1);
    return last !== undefined && last.stopNs === undefined;
  }

  /** Returns false when a window is already open (duplicate StartBenchmark). */
  start(now: bigint): boolean {
    if (this.open) return false;
    this.windows.push({ startNs: now });
    return true;
  }

  /** Returns false when no window is open. */
  stop(now: bigint): boolean {
    const last = this.windows.at(-1);
    if (!last || last.stopNs !== undefined) return false;
    last.stopNs = now;
    return true;
  }

  /** Names the latest closed, unnamed window. */
  executed(pid: number, uri: string): boolean {
    for (let i = this.windows.length - 1; i >= 0; i--) {
      const w = this.windows[i]!;
      if (w.stopNs !== undefined && w.uri === undefined) {
        w.uri = uri;
        w.pid = pid;
        return true;
      }
    }
    return false;
  }
}

/** Parent pid of each tracked process. */
export type ProcessTree = Map<number, number>;

/** The pids of `root`'s tree among the tracked processes (itself included). */
export function descendants(tree: ProcessTree, root: number): Set<number> {
  const out = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of tree) {
      if (!out.has(pid) && out.has(ppid)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * The events of one window, in timestamp order (`sorted` must be sorted). When the window's pid and
 * its tree are known, only that tree counts: handshakes and bookkeeping of other processes (a test
 * runner's main process, pacer's harness) stay out. When none of the tree was tracked (the pid is
 * an untracked parent, or unknown), every tracked process counts.
 */
export function eventsInWindow(sorted: MemEvent[], w: Window, tree: ProcessTree): MemEvent[] {
  const stop = w.stopNs ?? BigInt(Number.MAX_SAFE_INTEGER) * 1000n;
  const inTime = sorted.filter((e) => e.timestamp >= w.startNs && e.timestamp <= stop);
  if (w.pid === undefined) return inTime;
  const pids = descendants(tree, w.pid);
  const mine = inTime.filter((e) => pids.has(e.pid));
  return [...pids].some((p) => tree.has(p)) ? mine : inTime;
}
