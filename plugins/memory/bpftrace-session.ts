/**
 * Runs bpftrace for the eBPF tracker: started before the benchmark (attaching takes seconds), stopped
 * after it exits, once the events still in the perf buffers are drained.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseBpftraceOutput, type BpftraceOutput } from "./bpftrace-output.ts";

const READY_TIMEOUT_MS = 60_000;
/** Grace period after the benchmark exits for events still in flight (the reference waits 50 ms). */
const DRAIN_GRACE_MS = 100;

export interface BpftraceSession {
  readonly pid: number | undefined;
  /** Stops bpftrace (SIGINT, so it drains its buffers) and parses what it printed. */
  stop(): Promise<BpftraceOutput & { stderr: string }>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(proc: ChildProcess): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((r) => proc.once("exit", () => r()));
}

/**
 * Starts bpftrace on `script` and resolves once every probe is attached (its `BEGIN` prints READY).
 *
 * @throws Error with bpftrace's own message when it fails to attach
 */
export async function startBpftrace(script: string, dir: string, perfBufferPages = 4096, bpftrace = "bpftrace"): Promise<BpftraceSession> {
  const scriptPath = join(dir, "memtrack.bt");
  const outPath = join(dir, "bpftrace.out");
  const errPath = join(dir, "bpftrace.err");
  writeFileSync(scriptPath, script);
  const out = openSync(outPath, "w");
  const err = openSync(errPath, "w");
  // 16 MiB of perf buffer per CPU by default: a printf per event overflows bpftrace's default.
  const proc = spawn(bpftrace, [scriptPath], {
    stdio: ["ignore", out, err],
    env: { ...process.env, BPFTRACE_PERF_RB_PAGES: String(perfBufferPages) },
  });
  closeSync(out);
  closeSync(err);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!readFileSync(outPath, "utf8").includes("READY")) {
    if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline) {
      proc.kill("SIGKILL");
      // Its own memlock warning is noise on kernels that account BPF memory to the cgroup.
      const text = `${readFileSync(errPath, "utf8")}\n${readFileSync(outPath, "utf8")}`;
      const lines = text.split("\n").filter((l) => l.trim() && !l.includes("RLIMIT_MEMLOCK") && !l.startsWith("Attaching"));
      const why = lines.join("; ").slice(0, 2000) || "it printed nothing";
      throw new Error(`bpftrace did not attach its probes: ${why}`);
    }
    await sleep(50);
  }
  return {
    pid: proc.pid,
    async stop() {
      await sleep(DRAIN_GRACE_MS);
      proc.kill("SIGINT");
      const killer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await exited(proc);
      clearTimeout(killer);
      const stdout = readFileSync(outPath, "utf8");
      const stderr = readFileSync(errPath, "utf8");
      return { ...parseBpftraceOutput(`${stdout}\n${stderr}`), stderr };
    },
  };
}
