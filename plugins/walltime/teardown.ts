/**
 * `teardown()`: closes perf's control channel and, when the run failed before `collect`, says
 * whether perf or the benchmark failed (the benchmark's own exit code was recorded beside perf's).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { PluginContext } from "../../src/index.ts";
import { moveNodeArtifacts } from "./perf-maps.ts";
import { benchCwd, perfSession, timeline, wasCollected } from "./state.ts";

/** The benchmark's recorded exit code, or undefined when it never ran to completion under perf. */
export function benchmarkStatus(statusFile: string): number | undefined {
  try {
    const n = Number(readFileSync(statusFile, "utf8").trim());
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export function teardown(ctx: PluginContext): void {
  const session = perfSession(ctx);
  session?.control.close();
  if (wasCollected(ctx)) return;
  // collect did not run (the run failed): still keep node's jitdumps out of the project.
  const cwd = benchCwd(ctx);
  for (const e of timeline(ctx)) if (cwd && e.kind === "executed") moveNodeArtifacts(e.pid, cwd, ctx.profileFolder);
  if (!session) return;
  const status = benchmarkStatus(session.statusFile);
  if (status === undefined) ctx.log.error("perf record did not run the benchmark to completion: see perf's messages above");
  else if (status === 0) ctx.log.error("perf record failed although the benchmark itself exited with code 0: see perf's messages above");
}
