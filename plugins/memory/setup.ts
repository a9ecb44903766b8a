/**
 * `setup` of the memory instrument: installs bpftrace, mounts tracefs and sets the link guard
 * (`fs.protected_symlinks=1`, root runs), each only when fresh facts
 * (not the probe of some time ago) say it is missing and pacer may do it. Failures warn: the probe
 * that follows reports what is still off.
 *
 * @module
 */
import type { PluginContext } from "../../src/index.ts";
import { gatherFacts, setupSteps } from "./probe.ts";
import { TRACEFS } from "./tracefs.ts";

const lastLine = (text: string, fallback: string): string => text.trim().split("\n").at(-1) || fallback;

async function installBpftrace(ctx: PluginContext<unknown>): Promise<void> {
  ctx.log.info("Installing bpftrace (eBPF tracker for statically linked executables)");
  const env = { ...(process.env as Record<string, string>), DEBIAN_FRONTEND: "noninteractive" };
  const r = await ctx.exec(["apt-get", "install", "-y", "bpftrace"], { timeoutMs: 600_000, env });
  if (r.code !== 0) ctx.log.warn(`Could not install bpftrace: ${lastLine(r.stderr, r.spawnError ?? "apt-get failed")}`);
}

async function mountTracefs(ctx: PluginContext<unknown>): Promise<void> {
  // Left mounted afterwards, like an installed package: it is how the kernel is meant to run.
  ctx.log.info(`Mounting tracefs at "${TRACEFS}" (bpftrace finds the sched tracepoints there)`);
  const r = await ctx.exec(["mount", "-t", "tracefs", "nodev", TRACEFS]);
  if (r.code !== 0) ctx.log.warn(`Could not mount tracefs at "${TRACEFS}": ${lastLine(r.stderr, r.spawnError ?? "mount failed")}`);
}

/** Runs the setup steps a fresh look at the machine still calls for. */
export async function setupMemory(ctx: PluginContext<unknown>): Promise<void> {
  const steps = setupSteps(await gatherFacts(ctx));
  if (steps.includes("install-bpftrace")) await installBpftrace(ctx);
  if (steps.includes("mount-tracefs")) await mountTracefs(ctx);
  if (steps.includes("protect-links")) await ctx.toolkit.linkGuard.setup(ctx);
}
