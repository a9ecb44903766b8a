/** Tells which executor produced a profile folder, for `pacer upload` without `--executor`. @module */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Callgrind outputs (`<pid>.out`) or `valgrind.log` ⇒ `valgrind`; memtrack artifacts ⇒ `memory`;
 * anything else (walltime results, perf data) ⇒ `walltime`.
 */
export function inferExecutor(profileFolder: string): string {
  const top = readdirSync(profileFolder);
  if (top.includes("valgrind.log") || top.some((f) => /^\d+\.out$/.test(f))) return "valgrind";
  const results = join(profileFolder, "results");
  if (existsSync(results) && readdirSync(results).some((f) => f.endsWith(".MemtrackArtifact.msgpack"))) return "memory";
  return "walltime";
}
