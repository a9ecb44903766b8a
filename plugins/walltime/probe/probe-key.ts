/**
 * `probeKey()` of the walltime plugin: what its probe result depends on, read in well under a
 * millisecond (no perf run): the kernel and boot (events, sysctls and the FIFO support come with
 * them), the sysctls setup changes, who runs pacer, and which perf binaries there are.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { PluginContext } from "../../../src/index.ts";
import { linuxToolsPerfs } from "./probe-perf-binary.ts";
import { readSysctl, WANTED_SYSCTLS } from "./probe-sysctls.ts";

function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "unknown";
  }
}

export function walltimeProbeKey(ctx: Pick<PluginContext, "system" | "toolkit">): string {
  const sysctls = [...Object.keys(WANTED_SYSCTLS).map((k) => `${k}=${readSysctl(k) ?? "?"}`), ctx.toolkit.linkGuard.key()].join(" ");
  return [
    `kernel ${ctx.system.kernel} ${ctx.system.arch} boot ${bootId()}`,
    `uid ${ctx.system.uid}`,
    sysctls,
    ctx.toolkit.toolStamp(["perf", ...linuxToolsPerfs()]),
  ].join("; ");
}
