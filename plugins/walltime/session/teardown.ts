/**
 * `teardown()`: closes perf's control channel and, when the run failed before `collect`, says
 * whether perf or the benchmark failed (the benchmark's own exit code was recorded beside perf's).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import type { PluginContext } from "../../../src/index.ts";
import { keepNodeFiles } from "../node/node-files.ts";
import type { WalltimeState } from "./state.ts";

/** The benchmark's recorded exit code, or undefined when it never ran to completion under perf. */
export function benchmarkStatus(statusFile: string): number | undefined {
  try {
    const n = Number(readFileSync(statusFile, "utf8").trim());
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export function teardown(ctx: PluginContext<unknown>, state: WalltimeState | undefined): void {
  if (!state) return;
  const session = state.perf;
  session?.control.close();
  if (state.collected) return;
  // collect did not run (the run failed): still keep node's files out of the project and /tmp.
  keepNodeFiles(ctx, state.cwd, state.timeline.flatMap((e) => (e.kind === "executed" ? [e.pid] : [])));
  // perf.pipedata is created when the wrapped command starts: without it the run failed before
  // (e.g. the runner FIFOs were locked), and that error says all.
  if (!session || !existsSync(session.pipedata)) return;
  const status = benchmarkStatus(session.statusFile);
  if (status === undefined) ctx.log.error("perf record did not run the benchmark to completion: see perf's messages above");
  else if (status === 0) ctx.log.error("perf record failed although the benchmark itself exited with code 0: see perf's messages above");
  // Whatever failed, the probe's "perf works" may be stale: the next run probes again.
  if (status === undefined || status === 0) ctx.probeFailed("perf", "perf record failed");
}
