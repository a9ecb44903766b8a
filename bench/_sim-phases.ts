/**
 * Where a `pacer run --mode simulation` spends its time, read from the timestamps of its
 * `runner.log` (one ISO timestamp per line, millisecond resolution) and the wall clock of the
 * process that spawned pacer.
 *
 * @module
 */

/** Milliseconds of each phase of one run; they add up to the run's wall time. */
export interface SimPhases {
  /** Process start to runner.log's first line: loading pacer, config, profile folder. */
  startup: number;
  /** Probe (from the cache), start, wrap (node shim, scripts) up to the logged valgrind command. */
  prepare: number;
  /** The valgrind command logged to the benchmark spawned: run record, history row. */
  record: number;
  /** valgrind itself, as pacer saw it (spawn to exit). */
  valgrind: number;
  /** Collect (parse, symbols) and saving the run. */
  collect: number;
  /** "saved" to the process gone: the summary, closing files, exit. */
  exit: number;
}

export const PHASES: Array<keyof SimPhases> = ["startup", "prepare", "record", "valgrind", "collect", "exit"];

const stamped = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (.*)$/;

/** First line's time matching `re`, in ms since the epoch; throws naming the line when absent. */
function at(lines: Array<[number, string]>, re: RegExp, what: string): number {
  const hit = lines.find(([, text]) => re.test(text));
  if (!hit) throw new Error(`runner.log has no ${what} line (${re})`);
  return hit[0];
}

/** The phases of a run that started at `startMs` and ended at `endMs` (epoch ms) with this runner.log. */
export function simPhases(runnerLog: string, startMs: number, endMs: number): SimPhases {
  const lines: Array<[number, string]> = [];
  for (const line of runnerLog.split("\n")) {
    const m = stamped.exec(line);
    if (m) lines.push([Date.parse(m[1]!), m[2]!]);
  }
  if (!lines.length) throw new Error("runner.log has no timestamped line");
  const first = lines[0]![0];
  const wrapped = at(lines, /valgrind command: /, "valgrind command");
  const running = at(lines, /^DEBUG Running: /, "Running");
  const collecting = at(lines, /^GROUP Collecting results/, "Collecting results");
  const saved = at(lines, /^INFO {2}Run ".*" saved/, "saved");
  return {
    startup: first - startMs,
    prepare: wrapped - first,
    record: running - wrapped,
    valgrind: collecting - running,
    collect: saved - collecting,
    exit: endMs - saved,
  };
}
