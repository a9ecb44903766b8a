/**
 * Starts the {@link RunRecord} of a run: id, git state and machine fingerprint.
 *
 * @module
 */
import type { RunPlan } from "../plugin/types.ts";
import type { RunRecord } from "../results/run-record.ts";
import { machineFingerprint } from "../system/fingerprint.ts";
import { readGitInfo } from "../system/git.ts";
import { branchFor } from "../history/ci-branch.ts";
import { commandString } from "../toolkit/shell.ts";

/** `YYYYMMDD-HHMMSS-xxxx`: sorts by time, unique enough for one machine. */
export function newRunId(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const rand = [...crypto.getRandomValues(new Uint8Array(2))].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${stamp}-${rand}`;
}

export function describePlan(plan: RunPlan): string {
  return plan.kind === "integration" ? plan.command : plan.targets.map((t) => commandString(t.argv)).join(" && ");
}

export async function newRunRecord(o: { mode: string; plan: RunPlan; cwd: string; profileFolder: string; version: string }): Promise<RunRecord> {
  const [info, machine] = await Promise.all([readGitInfo(o.cwd), machineFingerprint()]);
  const git = { ...info, branch: branchFor(info.branch, info.commit) };
  return {
    id: newRunId(),
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: "running",
    mode: o.mode,
    kind: o.plan.kind,
    command: describePlan(o.plan),
    cwd: o.cwd,
    profileFolder: o.profileFolder,
    exitCode: null,
    git,
    machine,
    measurements: [],
    runnerVersion: o.version,
  };
}
