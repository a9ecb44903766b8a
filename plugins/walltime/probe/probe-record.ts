/**
 * Checks the `perf record` options pacer relies on by recording `true` with each one: the control
 * FIFO pair, monotonic timestamps and each call-graph mode.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Exec } from "./probe-perf-binary.ts";
import { parseRecordCheck, type RecordCheck } from "./parse-record-check.ts";

// The BPF side-band thread polls for 1 s before perf exits, and synthesizing existing mappings
// costs time: probes need neither.
const BASE = ["record", "--no-bpf-event", "--synth=no", "-o", "-"];

function recordTrue(exec: Exec, perf: string, opts: string[]): Promise<RecordCheck> {
  return exec([perf, ...BASE, ...opts, "--", "true"], { timeoutMs: 15_000 }).then(parseRecordCheck);
}

/** `-k CLOCK_MONOTONIC`, so sample times compare with the integration's markers. */
export function probeClockid(exec: Exec, perf: string): Promise<RecordCheck> {
  return recordTrue(exec, perf, ["--timestamp", "-k", "CLOCK_MONOTONIC"]);
}

/** `--call-graph=fp` or `--call-graph=dwarf,8192`. */
export function probeCallGraph(exec: Exec, perf: string, mode: "fp" | "dwarf"): Promise<RecordCheck> {
  return recordTrue(exec, perf, ["-g", "--user-callchains", `--call-graph=${mode === "fp" ? "fp" : "dwarf,8192"}`]);
}

/**
 * Runs `check` with a FIFO pair in a throw-away directory inside `scratch`: the plugin's temp
 * folder, which the host removes on every exit path (a signal during the probe included), where a
 * directory of our own in `/tmp` would outlive an interrupted probe.
 */
async function withFifos(exec: Exec, scratch: string, check: (ctl: string, ack: string) => Promise<RecordCheck>): Promise<RecordCheck> {
  const dir = mkdtempSync(join(scratch, "perf-probe-"));
  try {
    const [ctl, ack] = [join(dir, "ctl.fifo"), join(dir, "ack.fifo")];
    const mk = await exec(["mkfifo", "-m", "0600", ctl, ack]);
    if (mk.code !== 0) return { ok: false, reason: `Cannot create FIFOs for the check: ${mk.stderr.trim() || mk.spawnError}` };
    return await check(ctl, ack);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--delay=-1 --control=fifo:<ctl>,<ack>`. */
export function probeControlFifo(exec: Exec, perf: string, scratch = tmpdir()): Promise<RecordCheck> {
  return withFifos(exec, scratch, (ctl, ack) => recordTrue(exec, perf, ["--delay=-1", `--control=fifo:${ctl},${ack}`]));
}

/**
 * The control FIFO, monotonic timestamps and DWARF call graphs in one record: when it works (the
 * usual case) the three separate checks are not needed.
 */
export function probeRecordTogether(exec: Exec, perf: string, scratch = tmpdir()): Promise<RecordCheck> {
  return withFifos(exec, scratch, (ctl, ack) =>
    recordTrue(exec, perf, ["--timestamp", "-k", "CLOCK_MONOTONIC", "-g", "--user-callchains", "--call-graph=dwarf,8192", "--delay=-1", `--control=fifo:${ctl},${ack}`]),
  );
}
