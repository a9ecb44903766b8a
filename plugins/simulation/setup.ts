/**
 * Installs valgrind with apt-get, only when a fresh check finds it missing; sets the link guard.
 *
 * @module
 */
import type { PluginContext, ProbeResult } from "../../src/index.ts";
import { PacerError } from "../../src/index.ts";

/** The argv prefix to run a system command as root (`sudo` when not root). */
function asRoot(ctx: PluginContext, argv: string[]): string[] {
  return ctx.system.isRoot ? argv : ["sudo", ...argv];
}

async function run(ctx: PluginContext, argv: string[]): Promise<void> {
  const r = await ctx.exec(argv, { timeoutMs: 10 * 60_000, env: { ...(process.env as Record<string, string>), DEBIAN_FRONTEND: "noninteractive" } });
  if (r.code === 0) return;
  const out = `${r.stdout}\n${r.stderr}`.trim().split("\n").slice(-10).join("\n");
  throw new PacerError("E_PROBE", `Cannot install valgrind: "${argv.join(" ")}" failed${r.spawnError ? `: ${r.spawnError}` : ""}`, {
    hint: out ? `Its output ends with:\n${out}` : "Install valgrind by hand (apt-get install valgrind)",
  });
}

/**
 * The `setup` hook: `apt-get update && apt-get install -y valgrind` when valgrind is not installed,
 * and `fs.protected_symlinks=1` for a root run (the toolkit's link guard).
 */
export async function setupSimulation(ctx: PluginContext, _probed: ProbeResult): Promise<void> {
  await installValgrind(ctx);
  await ctx.toolkit.linkGuard.setup(ctx);
}

async function installValgrind(ctx: PluginContext): Promise<void> {
  const check = await ctx.exec(["valgrind", "--version"], { timeoutMs: 10_000 });
  if (check.code === 0) return;
  if (!ctx.system.hasApt) {
    throw new PacerError("E_PROBE", `Cannot install valgrind: package installation is not supported on "${ctx.system.os}"`, {
      hint: "Install valgrind with your system's package manager, then run pacer again",
    });
  }
  ctx.log.info("Installing valgrind with apt-get");
  await run(ctx, asRoot(ctx, ["apt-get", "update"]));
  await run(ctx, asRoot(ctx, ["apt-get", "install", "-y", "valgrind"]));
  const after = await ctx.exec(["valgrind", "--version"], { timeoutMs: 10_000 });
  if (after.code !== 0) throw new PacerError("E_PROBE", "Cannot install valgrind: it is still missing after apt-get install");
  ctx.log.info(`Installed ${after.stdout.trim()}`);
}
