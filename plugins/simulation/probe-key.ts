/**
 * `probeKey()` of the simulation plugin: its probe asks valgrind, setarch and Python, so the key is
 * those executables as found on PATH (an upgrade changes their size or time), plus the kernel and
 * uid that decide whether `setarch -R` may turn ASLR off, and the link guard's sysctl. A pyenv shim stays the same file when the
 * version behind it changes, so PYENV_VERSION is part of it too.
 *
 * @module
 */
import type { PluginContext } from "../../src/index.ts";

export function simulationProbeKey(ctx: Pick<PluginContext, "system" | "toolkit">): string {
  const tools = ctx.toolkit.toolStamp(["valgrind", "setarch", "python3", "python"]);
  return `kernel ${ctx.system.kernel} ${ctx.system.arch}; uid ${ctx.system.uid}; ${ctx.toolkit.linkGuard.key()}; PYENV_VERSION=${process.env.PYENV_VERSION ?? ""}; ${tools}`;
}
