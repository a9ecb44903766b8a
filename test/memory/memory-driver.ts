/**
 * Test helpers of the memory instrument: compile the C/C++ fixtures, and drive the plugin's hooks
 * around a real command (probe → wrap → start → run → stop → executed → collect → teardown) without
 * the FIFO, the way the runner calls them.
 *
 * @module
 */
import { expect } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import memoryPlugin from "../../plugins/memory/index.ts";
import { archBuildPath, buildPreload, normaliseArch } from "../../plugins/memory/build-preload.ts";
import { createPluginContext, validatePluginOptions } from "../../src/plugin/context.ts";
import { resolvePlugin } from "../../src/plugin/load.ts";
import type { Measurement, RunOutcome, RunPlan } from "../../src/plugin/types.ts";
import { collectOffline, copyFolder } from "../helpers/offline-collect.ts";
import { monotonicNs } from "../../src/protocol/monotonic-clock.ts";
import { systemInfo } from "../../src/system/info.ts";

export const FIXTURES = join(import.meta.dir, "..", "fixtures", "memory");
/** Builds the preload library when a fresh checkout lacks it (for this machine's arch). */
export async function ensurePreload(): Promise<void> {
  if (!existsSync(archBuildPath(normaliseArch(process.arch)))) await buildPreload();
}

export const hasCompiler = spawnSync("cc", ["--version"]).status === 0 && spawnSync("g++", ["--version"]).status === 0;
/** Whether a program can be linked against `lib<name>` (e.g. jemalloc, mimalloc). */
export function canLink(name: string): boolean {
  return hasCompiler && spawnSync("cc", ["-x", "c", "-o", "/dev/null", "-", `-l${name}`], { input: "int main(void){return 0;}" }).status === 0;
}

/** Whether `exe` loads libstdc++ (which allocates its exception emergency pool at start-up). */
export function loadsLibstdcxx(exe: string): boolean {
  return spawnSync("ldd", [exe], { encoding: "utf8" }).stdout.includes("libstdc++");
}

export const hasBpftrace = spawnSync("bpftrace", ["--version"]).status === 0 && process.getuid?.() === 0;

/** The C programs of the memory instrument's regression tests (test/memory/programs). */
export const PROGRAMS = join(import.meta.dir, "programs");

/** Compiles `test/fixtures/memory/<file>` (or `<from>/<file>`) into `dir`; returns the executable's path. */
export function compile(file: string, dir: string, extra: string[] = [], from = FIXTURES): string {
  const out = join(dir, file.replace(/\.(c|cpp)$/, ""));
  const cc = file.endsWith(".cpp") ? "g++" : "cc";
  const r = spawnSync(cc, ["-O0", "-o", out, join(from, file), ...extra], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`Cannot compile ${file}: ${r.stderr}`);
  return out;
}

const leftovers = new Set<string>();

/** Removes the folders of {@link tempDir} and {@link runDirect}: `afterAll(cleanupTempDirs)`. */
export function cleanupTempDirs(): void {
  for (const d of leftovers) rmSync(d, { recursive: true, force: true });
  leftovers.clear();
}

/** A temp folder removed by {@link cleanupTempDirs}. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `pacer-memtest-${prefix}-`));
  mkdirSync(d, { recursive: true });
  leftovers.add(d);
  return d;
}

/** The folder alone, in place and copied elsewhere, collects to the same measurement as the run. */
async function expectSameOffline(folder: string, outcome: RunOutcome, live: Measurement | undefined): Promise<void> {
  expect(await collectOffline(memoryPlugin, folder, outcome)).toEqual(live);
  const copy = copyFolder(folder);
  try {
    expect(await collectOffline(memoryPlugin, copy.dir, outcome)).toEqual(live);
  } finally {
    copy.dispose();
  }
}

export interface DirectRun {
  measurement: Measurement | undefined;
  profileFolder: string;
  /** Wall time of the measured program alone, in milliseconds. */
  programMs: number;
}

/**
 * Runs `argv` as one benchmark window named `uri`, through the plugin's hooks (as an integration run
 * whose command opens its window before it starts). Like `pacer run` without `--skip-setup`, it runs
 * `setup` when the probe asks for it (on a fresh VM: mounts tracefs) and probes again. `capacity` limits the events each process may
 * record (to provoke loss); `env` is added to the command's environment.
 */
export async function runDirect(argv: string[], uri: string, opts: { capacity?: number; perfBufferPages?: number; cwd?: string; env?: Record<string, string> } = {}): Promise<DirectRun> {
  const command = argv.join(" ");
  const plugin = await resolvePlugin(memoryPlugin);
  const profileFolder = tempDir("profile");
  const plan: RunPlan = { kind: "integration", command };
  const raw = { ...(opts.capacity ? { capacity: opts.capacity } : {}), ...(opts.perfBufferPages ? { perfBufferPages: opts.perfBufferPages } : {}) };
  const options = validatePluginOptions(plugin, raw, "test");
  const ctx = createPluginContext(plugin, options, {
    system: systemInfo(),
    mode: "memory",
    profileFolder,
    plan,
    flags: { skipSetup: false, allowEmpty: true },
    selfCommand: [],
  });
  let state: unknown;
  try {
    ctx.probed = await plugin.probe(ctx);
    if (ctx.probed.needsSetup) {
      await plugin.setup!(ctx, ctx.probed);
      ctx.probed = await plugin.probe(ctx);
    }
    const cwd = opts.cwd ?? process.cwd();
    state = await plugin.start!(ctx);
    const cmd = await plugin.wrap!({ argv, env: { ...(process.env as Record<string, string>), ...opts.env }, cwd }, ctx, state);
    await plugin.onBenchmark!({ type: "start", timestampNs: monotonicNs() }, ctx, state);
    const started = performance.now();
    const child = spawn(cmd.argv[0]!, cmd.argv.slice(1), { env: cmd.env, cwd, stdio: "inherit" });
    const exitCode = await new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const programMs = performance.now() - started;
    await plugin.onBenchmark!({ type: "stop", timestampNs: monotonicNs() }, ctx, state);
    await plugin.onBenchmark!({ type: "executed", pid: child.pid!, uri, timestampNs: monotonicNs() }, ctx, state);
    const outcome = { exitCode, signal: null, wallTimeMs: 0, benchmarkPids: [child.pid!] };
    const measurement = (await plugin.collect!(ctx, outcome, state)) ?? undefined;
    leftovers.add(profileFolder);
    await expectSameOffline(profileFolder, outcome, measurement);
    return { measurement, profileFolder, programMs };
  } finally {
    await plugin.teardown?.(ctx, state, { status: "ok" });
    ctx.dispose();
  }
}
