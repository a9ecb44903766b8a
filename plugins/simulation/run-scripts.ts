/**
 * The bash scripts the simulation instrument runs. Two layers so that `collect` can tell who failed:
 * - the inner wrapper runs under valgrind, runs the benchmark command, writes its exit status and
 *   always exits 0 (reference §3.2);
 * - the outer script runs valgrind, writes valgrind's own exit status and always exits 0, so the
 *   runner hands every outcome to `collect`, which explains it.
 *
 * @module
 */
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shellQuote, shellQuoteArg as shq } from "../../src/toolkit/shell.ts";

const WRAPPER = `#!/usr/bin/env bash
# pacer simulation wrapper: runs the benchmark, records its exit status in "$1", exits 0 so that a
# failing benchmark is not mistaken for a failing valgrind.
status_file="$1"
shift
"$@"
printf '%s' "$?" > "$status_file"
exit 0
`;

/** Files a run leaves in the plugin's temp folder. */
export interface StatusFiles {
  /** Exit status of the benchmark command (written by the inner wrapper). */
  benchmark: string;
  /** Exit status of valgrind (written by the outer script). */
  valgrind: string;
  /** Pid valgrind ran as (its `%p`), exec runs only. */
  pid: string;
}

export function statusFiles(tempDir: string, index: number): StatusFiles {
  return {
    benchmark: join(tempDir, `status-${index}`),
    valgrind: join(tempDir, `valgrind-status-${index}`),
    pid: join(tempDir, `pid-${index}`),
  };
}

/** Writes the inner wrapper and returns its path. */
export function writeWrapper(tempDir: string): string {
  const path = join(tempDir, "wrapper.sh");
  writeFileSync(path, WRAPPER);
  chmodSync(path, 0o755);
  return path;
}

/** One valgrind invocation of the outer script. */
export interface ScriptStep {
  argv: string[];
  status: StatusFiles;
  /** Whether the benchmark status comes from the inner wrapper (else valgrind's status is the program's). */
  wrapped: boolean;
  /** A failing program does not stop the steps after it (the target's `ignoreFailure`). */
  ignoreFailure?: boolean;
}

/**
 * Writes the outer script running `steps` in order; it stops after the first step whose program
 * failed (unless that step ignores failures), and always exits 0.
 */
export function writeOuterScript(tempDir: string, steps: ScriptStep[]): string {
  const lines = ["#!/usr/bin/env bash", "# pacer simulation: runs valgrind, records its exit status"];
  for (const s of steps) {
    // A subshell that records its pid and then execs: valgrind keeps that pid, so `%p` is known.
    lines.push(`( printf '%s' "$BASHPID" > ${shq(s.status.pid)}; exec ${shellQuote(s.argv)} )`);
    lines.push(`rc=$?`, `printf '%s' "$rc" > ${shq(s.status.valgrind)}`);
    const failed = s.wrapped ? `[ "$(cat ${shq(s.status.benchmark)} 2>/dev/null)" != 0 ]` : `[ "$rc" != 0 ]`;
    if (!s.ignoreFailure) lines.push(`${failed} && exit 0`);
  }
  lines.push("exit 0", "");
  const path = join(tempDir, "run.sh");
  writeFileSync(path, lines.join("\n"));
  chmodSync(path, 0o755);
  return path;
}
