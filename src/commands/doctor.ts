/**
 * `pacer doctor`: probes every instrument (side-effect free) and prints each feature with its
 * status and reason.
 *
 * @module
 */
import { runProbe } from "../plugin/driver.ts";
import type { ProbeResult } from "../plugin/types.ts";
import { loadAllPlugins, standaloneContexts } from "../run/plugins.ts";
import { systemInfo } from "../system/info.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const MARK: Record<ProbeResult["status"], string> = { supported: "✔", degraded: "~", unsupported: "✘" };

export function renderProbeReport(entries: Array<[string, ProbeResult]>): string {
  const lines: string[] = [];
  for (const [name, r] of entries) {
    lines.push(`${MARK[r.status]} ${name}: ${r.status}`);
    const featureReasons = Object.entries(r.features).map(([k, f]) => `${k}: ${f.reason ?? ""}`);
    // A reason that only repeats a feature's line below is left to that line.
    for (const reason of r.reasons) if (!featureReasons.includes(reason)) lines.push(`    ${reason}`);
    const keys = Object.keys(r.features);
    const w = Math.max(0, ...keys.map((k) => k.length));
    for (const [key, f] of Object.entries(r.features)) {
      const value = f.value === undefined ? "" : ` [${f.value}]`;
      lines.push(`    ${f.enabled ? "on " : "off"}  ${key.padEnd(w)}${value}${f.reason ? `  ${f.reason}` : ""}`);
    }
    if (r.hint) lines.push(`    hint: ${r.hint}`);
    lines.push("");
  }
  return lines.join("\n");
}

export default async function doctor(argv: string[]): Promise<number> {
  const { values } = parseFlags("doctor", argv, { plugin: { type: "string", multiple: true }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    stdout.write("Usage: pacer doctor [--plugin <file.ts>] [--json]\n\nProbes each instrument without changing the system.\n");
    return 0;
  }
  const system = systemInfo();
  const loaded = await loadAllPlugins((values.plugin ?? []).map((path) => ({ path })), process.cwd());
  const plugins = standaloneContexts(loaded, { skipSetup: true });
  // Always fresh (doctor is where a user looks when the cache may be wrong); the cache is updated.
  const probes = await runProbe(plugins, "refresh");
  for (const p of plugins) p.ctx.dispose();
  if (values.json) {
    printJson("doctor", { system, instruments: Object.fromEntries(probes) });
  } else {
    stdout.write(`pacer doctor — ${system.os} ${system.osVersion}, ${system.arch}, kernel ${system.kernel}, ${system.cpuBrand}\n\n`);
    stdout.write(renderProbeReport([...probes]));
  }
  return 0;
}
