/**
 * `setup()`: installs perf with apt when no working perf exists, and sets
 * `kernel.perf_event_paranoid=-1` / `kernel.kptr_restrict=0` only when they differ and pacer has
 * the right to (root, or sudo without a password), and, for a root run, `fs.protected_symlinks=1` (the
 * toolkit's link guard). Never runs with `--skip-setup`.
 *
 * @module
 */
import type { PluginContext, ProbeResult, SystemInfo } from "../../../src/index.ts";
import { findWorkingPerf } from "./probe-perf-binary.ts";
import { linkGuard } from "../../../src/toolkit/link-guard.ts";
import { readSysctl, WANTED_SYSCTLS, type SysctlName } from "./probe-sysctls.ts";

/** apt packages that provide perf: Debian's `linux-perf`, Ubuntu's linux-tools (reference §10.1). */
export function perfPackages(system: Pick<SystemInfo, "os" | "kernel">): string[] {
  if (system.os === "ubuntu") return ["linux-tools-common", "linux-tools-generic", `linux-tools-${system.kernel}`];
  return ["linux-perf"];
}

/** How to run a privileged command: directly as root, through `sudo -n`, or not at all. */
async function privileged(ctx: PluginContext): Promise<string[] | undefined> {
  if (ctx.system.isRoot) return [];
  const r = await ctx.exec(["sudo", "-n", "true"], { timeoutMs: 10_000 });
  return r.code === 0 ? ["sudo", "-n"] : undefined;
}

async function installPerf(ctx: PluginContext, prefix: string[]): Promise<void> {
  if (!ctx.system.hasApt) {
    ctx.log.warn("Package installation is not supported on this system, please install perf manually");
    return;
  }
  const pkgs = perfPackages(ctx.system);
  ctx.log.info(`Installing perf: apt-get install ${pkgs.join(" ")}`);
  const env = { ...(process.env as Record<string, string>), DEBIAN_FRONTEND: "noninteractive" };
  await ctx.exec([...prefix, "apt-get", "update"], { env, timeoutMs: 300_000 });
  const r = await ctx.exec([...prefix, "apt-get", "install", "-y", "--allow-downgrades", ...pkgs], { env, timeoutMs: 600_000 });
  if (r.code !== 0) ctx.log.warn(`Cannot install perf (apt-get exited with ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
}

async function setSysctl(ctx: PluginContext, prefix: string[], name: SysctlName): Promise<void> {
  const want = WANTED_SYSCTLS[name];
  const now = readSysctl(name);
  if (now === want) return;
  ctx.log.info(`Setting ${name}=${want} (was ${now ?? "unreadable"})`);
  const r = await ctx.exec([...prefix, "sysctl", "-w", `${name}=${want}`]);
  if (r.code !== 0) ctx.log.warn(`Cannot set ${name}=${want}: ${r.stderr.trim() || r.spawnError}`);
}

export async function setup(ctx: PluginContext, _probed: ProbeResult): Promise<void> {
  if (ctx.flags.skipSetup || process.platform !== "linux") return;
  const prefix = await privileged(ctx);
  if (!prefix) {
    ctx.log.warn("Skipping perf setup: it needs root or password-less sudo (run `sudo pacer setup`)");
    return;
  }
  if (!(await findWorkingPerf(ctx.exec))) await installPerf(ctx, prefix);
  for (const name of Object.keys(WANTED_SYSCTLS) as SysctlName[]) await setSysctl(ctx, prefix, name);
  await linkGuard().setup(ctx);
}
