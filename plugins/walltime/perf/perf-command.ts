/**
 * Builds the `perf record` command that wraps the benchmark, as the reference does:
 * `perf record [--compression-level=3 [-e {group}]] --timestamp -k CLOCK_MONOTONIC --freq=997
 * --delay=-1 -g --user-callchains --call-graph=<mode> --control=fifo:<ctl>,<ack> -o - -- <cmd>`,
 * with perf's pipe output written to `perf.pipedata` by `cat` under `set -o pipefail`.
 *
 * @module
 */
import { callGraphArg, type Unwinding } from "./unwinding.ts";

export interface PerfRecordOptions {
  perf: string;
  compression: boolean;
  /** The `{…}` event group, when the machine can count it. */
  events?: string;
  unwinding: Unwinding;
  ctlFifo: string;
  ackFifo: string;
  quiet: boolean;
}

/** perf's own argv, up to and including `--`. */
export function perfRecordArgv(o: PerfRecordOptions): string[] {
  return [
    o.perf,
    "record",
    ...(o.quiet ? ["--quiet"] : []),
    // The BPF side-band thread otherwise holds perf's exit for 1 s; benchmarks need no BPF symbols.
    "--no-bpf-event",
    ...(o.compression ? ["--compression-level=3", ...(o.events ? ["-e", o.events] : [])] : []),
    "--timestamp",
    "-k",
    "CLOCK_MONOTONIC",
    "--freq=997",
    "--delay=-1",
    "-g",
    "--user-callchains",
    callGraphArg(o.unwinding),
    `--control=fifo:${o.ctlFifo},${o.ackFifo}`,
    "-o",
    "-",
    "--",
  ];
}

/**
 * `bash` reads the argv from its positional parameters, so nothing is re-quoted:
 * `$1` = the output file, then the command. The inner `bash` records the benchmark's own exit
 * status, so a perf failure and a benchmark failure can be told apart afterwards; pipefail makes
 * either fail the whole command. Its no-op trap keeps it alive when Ctrl-C or pacer's SIGTERM stops
 * the process group, so the benchmark's signal status is recorded too (a handler, unlike an ignored
 * signal, is not inherited by the benchmark).
 */
const PIPELINE = 'set -o pipefail; out="$1"; shift; "$@" | cat > "$out"';
const STATUS = 'trap : INT TERM HUP; status="$1"; shift; "$@"; rc=$?; echo "$rc" > "$status"; exit "$rc"';

/** The benchmark argv with its exit status recorded into `statusFile`. */
export function statusRecordingArgv(statusFile: string, bench: string[]): string[] {
  return ["bash", "-c", STATUS, "pacer-bench", statusFile, ...bench];
}

/** The full argv: bash pipeline → perf record → status recorder → benchmark. */
export function wrappedArgv(o: PerfRecordOptions, pipedata: string, statusFile: string, bench: string[]): string[] {
  return ["bash", "-c", PIPELINE, "pacer-perf", pipedata, ...perfRecordArgv(o), ...statusRecordingArgv(statusFile, bench)];
}
