/**
 * Probes every plugin of the run, runs `setup` where a probe says it is needed (unless
 * `--skip-setup`), re-probes those, and says at run start what each plugin turned off and why.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { createLogger, endGroup, startGroup } from "../log/logger.ts";
import { runProbe, runSetup } from "../plugin/driver.ts";
import type { ProbeResult } from "../plugin/types.ts";
import type { RunPlugins } from "./plugins.ts";

const log = createLogger();

/** One line per feature that is off, for the start of a run and `pacer doctor`. */
export function disabledFeatureLines(name: string, probe: ProbeResult): string[] {
  return Object.entries(probe.features)
    .filter(([, f]) => !f.enabled)
    .map(([key, f]) => `[${name}] ${key}: off${f.reason ? ` (${f.reason})` : ""}`);
}

/** `onSetup` is called before setup changes anything (a tool installed, a sysctl set). */
export async function probeAndSetup(plugins: RunPlugins, skipSetup: boolean, onSetup?: () => void): Promise<Map<string, ProbeResult>> {
  startGroup("Checking the instruments", { spinner: true });
  const probes = await runProbe(plugins.all);
  const needing = plugins.all.filter((p) => {
    const r = probes.get(p.plugin.name);
    return p.plugin.setup && (r?.needsSetup || r?.status === "unsupported");
  });
  if (needing.length && !skipSetup) {
    endGroup("Checking the instruments");
    startGroup("Setting up the instruments", { spinner: true });
    onSetup?.();
    await runSetup(needing, probes);
    for (const [name, r] of await runProbe(needing)) probes.set(name, r);
  }
  endGroup(needing.length && !skipSetup ? "Setting up the instruments" : "Checking the instruments");
  for (const p of plugins.all) {
    const r = probes.get(p.plugin.name)!;
    p.ctx.probed = r;
    for (const line of disabledFeatureLines(p.plugin.name, r)) log.info(line);
    if (r.status === "unsupported") {
      const setupNote = skipSetup && r.needsSetup ? " (setup was skipped: --skip-setup)" : "";
      throw new PacerError("E_PROBE", `Instrument "${p.plugin.name}" cannot run here${setupNote}: ${r.reasons.join("; ")}`, {
        hint: r.hint ?? `Run \`pacer doctor\` for details${skipSetup ? ", or drop --skip-setup so pacer can install what is missing" : ""}`,
      });
    }
  }
  return probes;
}
