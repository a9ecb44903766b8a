/**
 * `fs.protected_symlinks` for root runs: with 1, the kernel does not let a process follow a link
 * in a sticky world-writable folder (/tmp) that another user owns. With 0, a benchmark run as root
 * that writes a fixed name there itself (`/tmp/perf-<pid>.map`: @codspeed/core's addon outside
 * walltime, V8's --perf-basic-prof, Python's perf trampoline, in child processes pacer's node shim
 * never sees) overwrites whatever file a planted link points at. The shim guards the node it starts;
 * this guards the rest. Only a root run is checked: any other user can only overwrite its own files.
 *
 * @module
 */
import type { Feature, LinkGuard, PluginContext, ProbeResult } from "../plugin/types.ts";
import type { SystemInfo } from "../system/info.ts";
import { readSysctl } from "./sysctl.ts";

/** The feature key a probe reports it under. */
export const LINK_GUARD_KEY = "fs.protected_symlinks";

const WHY = "as root, a benchmark writing its perf map follows links other users plant in /tmp";

function applies(system: Pick<SystemInfo, "isRoot">, platform: string): boolean {
  return system.isRoot && platform === "linux";
}

/** The link guard, reading the sysctl through `read` (tests pass their own). */
export function linkGuard(read: (name: string) => number | undefined = readSysctl, platform = process.platform): LinkGuard {
  const feature = (system: Pick<SystemInfo, "isRoot">): Feature | undefined => {
    if (!applies(system, platform)) return undefined;
    const value = read(LINK_GUARD_KEY);
    if (value === undefined) return { enabled: false, reason: `cannot read "${LINK_GUARD_KEY}"` };
    if (value === 1) return { enabled: true, value };
    return { enabled: false, value, reason: `is ${value}, pacer wants 1: ${WHY} (setup sets it)` };
  };
  return {
    feature,
    key: () => `${LINK_GUARD_KEY}=${read(LINK_GUARD_KEY) ?? "?"}`,
    warning(probed?: ProbeResult) {
      const f = probed?.features[LINK_GUARD_KEY];
      if (!f || f.enabled) return undefined;
      return `${LINK_GUARD_KEY} is ${f.value ?? "unreadable"} and pacer runs as root: a benchmark that writes /tmp/perf-<pid>.map itself (Python, node's child processes) follows any link another local user plants there; run \`pacer setup\` (sysctl -w ${LINK_GUARD_KEY}=1)`;
    },
    async setup(ctx: Pick<PluginContext, "system" | "log" | "exec">) {
      const f = feature(ctx.system);
      if (!f || f.enabled) return;
      ctx.log.info(`Setting ${LINK_GUARD_KEY}=1 (was ${f.value ?? "unreadable"})`);
      const r = await ctx.exec(["sysctl", "-w", `${LINK_GUARD_KEY}=1`], { timeoutMs: 10_000 });
      if (r.code !== 0) ctx.log.warn(`Cannot set ${LINK_GUARD_KEY}=1: ${r.stderr.trim() || r.spawnError}`);
    },
  };
}
