/**
 * Collecting a profile folder the way `pacer upload` and a results server do: a fresh context
 * that knows only the folder, no run state (item 2 of issue 12). Also copies a folder elsewhere,
 * to prove the recorded facts are relative to it.
 *
 * @module
 */
import { expect } from "bun:test";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPluginContext } from "../../src/plugin/context.ts";
import { resolvePlugin } from "../../src/plugin/load.ts";
import type { InstrumentPlugin, Measurement, RunOutcome } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";
import { BINARY, ROOT } from "./pacer.ts";

/** `plugin`'s collect on `folder` from a context that never ran anything. */
export async function collectOffline(plugin: unknown, folder: string, outcome: RunOutcome): Promise<Measurement | undefined> {
  const p = (await resolvePlugin(plugin as InstrumentPlugin<unknown>)) as InstrumentPlugin<unknown>;
  const ctx = createPluginContext(p, {}, {
    system: systemInfo(),
    mode: typeof p.mode === "string" ? p.mode : p.name,
    profileFolder: folder,
    // Deliberately unlike the run: collect must not read the plan or the flags.
    plan: { kind: "integration", command: "" },
    flags: { skipSetup: true, allowEmpty: false },
    selfCommand: [],
  });
  try {
    return (await p.collect!(ctx, outcome, undefined)) ?? undefined;
  } finally {
    ctx.dispose();
  }
}

/** A copy of `folder` in a new temp folder; `dispose()` removes it. */
export function copyFolder(folder: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-offline-copy-"));
  cpSync(folder, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A recorded run: the measurement `--json` printed and the profile folder it left. */
export interface KeptRun {
  code: number | null;
  stderr: string;
  live?: Measurement;
  folder: string;
}

/**
 * Runs the compiled pacer (`run` or `exec`, with `args`) into a fresh profile folder that is kept
 * for {@link collectOffline}; holds the machine-wide runner lock.
 */
export function runAndKeep(args: string[], cwd: string, env: Record<string, string> = {}): KeptRun {
  const folder = mkdtempSync(join(tmpdir(), "pacer-offline-"));
  const [command, ...rest] = args;
  const r = Bun.spawnSync([BINARY, command!, "--skip-upload", "--json", "--profile-folder", folder, ...rest], {
    cwd,
    env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", ...env } as Record<string, string>,
    stdout: "pipe",
    stderr: "pipe",
  });
  const kept: KeptRun = { code: r.exitCode, stderr: r.stderr.toString(), folder };
  if (r.exitCode === 0) kept.live = JSON.parse(r.stdout.toString()).runs[0].measurements[0];
  return kept;
}

/** A run's outcome as nothing of it is known offline: collect must not need it. */
export const UNKNOWN_OUTCOME: RunOutcome = { exitCode: null, signal: null, wallTimeMs: 0, benchmarkPids: [] };

/** The parts of a measurement the tables, history and upload use. */
export const comparable = (m: Measurement | undefined) => m && { instrument: m.instrument, title: m.title, columns: m.columns, benchmarks: m.benchmarks, notes: m.notes };

/** A copy of a CodSpeed example in a fresh `git init` repository (@codspeed/core needs a real .git folder). */
export function exampleInGitRepo(example: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-offline-repo-"));
  cpSync(join(ROOT, "examples", example), dir, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  Bun.spawnSync(["git", "init", "-q"], { cwd: dir });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The folder alone, in place and copied elsewhere, collects to the measurement the run printed. */
export async function expectSameOffline(plugin: unknown, folder: string, live: Measurement | undefined): Promise<void> {
  expect(comparable(await collectOffline(plugin, folder, UNKNOWN_OUTCOME))).toEqual(comparable(live));
  const copy = copyFolder(folder);
  try {
    expect(comparable(await collectOffline(plugin, copy.dir, UNKNOWN_OUTCOME))).toEqual(comparable(live));
  } finally {
    copy.dispose();
  }
}

/** `pacer run --mode <mode>` of the tinybench example in its own git repository, then collected offline. */
export async function expectTinybenchOffline(mode: string, plugin: unknown, keep: (folder: string) => void, extra: string[] = []): Promise<void> {
  const repo = exampleInGitRepo("tinybench");
  try {
    const r = runAndKeep(["run", "--mode", mode, ...extra, "--", "node", "bench.mjs"], repo.dir);
    keep(r.folder);
    expect(r.code).toBe(0);
    expect(r.live!.benchmarks.length).toBeGreaterThan(1);
    await expectSameOffline(plugin, r.folder, r.live);
  } finally {
    repo.dispose();
  }
}
