/**
 * Tells a failing benchmark from a failing valgrind, from the statuses the run scripts wrote (as
 * recorded in `simulation.run.json`).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { PacerError } from "../../src/index.ts";
import { inFolder, type RecordedStep } from "./run-record.ts";

type Step = RecordedStep & { logPath: string };

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The last lines of valgrind's log, for an error hint. */
export function logTail(logFile: string, lines = 8): string {
  const text = read(logFile);
  if (!text) return `valgrind wrote nothing to "${logFile}"`;
  return text.split("\n").slice(-lines).join("\n");
}

function valgrindFailed(step: Step, rc: string | undefined, runnerLog: string): PacerError {
  const how = rc === undefined ? "did not finish" : `exited with code "${rc}"`;
  return new PacerError("E_RUN", `Valgrind failed: it ${how} before the benchmark command completed`, {
    hint:
      `This is a valgrind problem, not a benchmark failure. Its error output is above and in "${runnerLog}"; ` +
      `its log ("${step.logPath}") ends with:\n${logTail(step.logPath)}`,
  });
}

function benchmarkFailed(what: string, rc: string, runnerLog: string): PacerError {
  return new PacerError("E_RUN", `${what} failed under valgrind with exit code "${rc}"`, {
    hint: `Valgrind itself ran fine. The benchmark output is above and in "${runnerLog}"`,
  });
}

/**
 * Checks how one step ended; throws the matching `E_RUN` error, returns the pid valgrind ran as
 * (exec steps) or undefined. An exec step that ignores failures is measured whatever its status.
 *
 * @returns `"skipped"` when an earlier step failed and this one never ran.
 */
export function checkStep(recorded: RecordedStep, folder: string, runnerLog: string): number | undefined | "skipped" {
  const step: Step = { ...recorded, logPath: recorded.logFile === "" ? "" : inFolder(folder, recorded.logFile) };
  const outPrefix = inFolder(folder, step.outPrefix);
  const rc = step.status.valgrind;
  const pidText = step.status.pid;
  if (pidText === undefined && rc === undefined) return "skipped";
  if (step.wrapped) {
    const bench = step.status.benchmark;
    if (bench === undefined) throw valgrindFailed(step, rc, runnerLog);
    if (bench !== "0") throw benchmarkFailed("The benchmark command", bench, runnerLog);
    if (rc !== "0") {
      throw new PacerError("E_RUN", `Valgrind failed: it exited with code "${rc}" after the benchmark command succeeded`, {
        hint: `Its log ("${step.logPath}") ends with:\n${logTail(step.logPath)}`,
      });
    }
    return undefined;
  }
  const pid = Number(pidText);
  // Valgrind writes the callgrind file of the process it started whenever the program ran at all.
  if (!existsSync(`${outPrefix}${pid}.out`)) throw valgrindFailed(step, rc, runnerLog);
  if (rc !== "0" && !step.ignoreFailure) throw benchmarkFailed(`The command "${step.name ?? step.argv.join(" ")}"`, rc ?? "?", runnerLog);
  return pid;
}
