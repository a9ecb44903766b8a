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

/** One line per feature that is off, with its reason: `--verbose` and runner.log. */
export function disabledFeatureLines(name: string, probe: ProbeResult): string[] {
  return Object.entries(probe.features)
    .filter(([, f]) => !f.enabled)
    .map(([key, f]) => `[${name}] ${key}: off${f.reason ? ` (${f.reason})` : ""}`);
}

const LISTED = 4;

/**
 * The one line a run prints for a plugin's features that are off (a VM without a PMU has six): the
 * single line itself when only one is off, else how many and which, the reasons left to `pacer
 * doctor` and `--verbose`.
 */
export function disabledFeatureSummary(name: string, probe: ProbeResult): string | undefined {
  const lines = disabledFeatureLines(name, probe);
  if (lines.length <= 1) return lines[0];
  const off = Object.entries(probe.features).filter(([, f]) => !f.enabled).map(([key]) => key);
  const listed = off.length > LISTED ? `${off.slice(0, LISTED).join(", ")} and ${off.length - LISTED} more` : off.join(", ");
  return `[${name}] ${off.length} features off (${listed}); run \`pacer doctor\` or add --verbose for the reasons`;
}

export interface ProbeAndSetupOptions {
  /** false (`--no-probe-cache`; `PACER_PROBE_CACHE=0` too): every plugin probes fresh. */
  probeCache?: boolean;
  /** Called before setup changes anything (a tool installed, a sysctl set). */
  onSetup?: () => void;
}

export async function probeAndSetup(plugins: RunPlugins, skipSetup: boolean, opts: ProbeAndSetupOptions = {}): Promise<Map<string, ProbeResult>> {
  const cached = opts.probeCache !== false;
  let group = "Checking the instruments";
  startGroup(group, { spinner: true });
  let probes: Map<string, ProbeResult>;
  try {
    probes = await runProbe(plugins.all, cached ? "use" : "off");
    const needing = plugins.all.filter((p) => {
      const r = probes.get(p.plugin.name);
      return p.plugin.setup && (r?.needsSetup || r?.status === "unsupported");
    });
    if (needing.length && !skipSetup) {
      endGroup(group);
      group = "Setting up the instruments";
      startGroup(group, { spinner: true });
      opts.onSetup?.();
      await runSetup(needing, probes);
      // What setup changed is what the cache must now hold.
      for (const [name, r] of await runProbe(needing, cached ? "refresh" : "off")) probes.set(name, r);
    }
    // Printed inside the group: in CI the probe's findings fold with it.
    for (const p of plugins.all) {
      const r = probes.get(p.plugin.name)!;
      p.ctx.probed = r;
      for (const line of disabledFeatureLines(p.plugin.name, r)) log.debug(line);
      const summary = disabledFeatureSummary(p.plugin.name, r);
      if (summary) log.info(summary);
    }
  } finally {
    endGroup(group);
  }
  for (const p of plugins.all) {
    const r = probes.get(p.plugin.name)!;
    if (r.status === "unsupported") {
      const setupNote = skipSetup && r.needsSetup ? " (setup was skipped: --skip-setup)" : "";
      throw new PacerError("E_PROBE", `Instrument "${p.plugin.name}" cannot run here${setupNote}: ${r.reasons.join("; ")}`, {
        hint: r.hint ?? `Run \`pacer doctor\` for details${skipSetup ? ", or drop --skip-setup so pacer can install what is missing" : ""}`,
      });
    }
  }
  return probes;
}
