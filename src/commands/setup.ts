/**
 * `pacer setup [--mode <modes>]`: installs and configures what the instruments need, only where a
 * fresh probe says it is needed.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { createLogger } from "../log/logger.ts";
import { createPluginContext } from "../plugin/context.ts";
import { runProbe, runSetup, type LoadedPlugin } from "../plugin/driver.ts";
import { loadAllPlugins } from "../runner/plugins.ts";
import { selfCommand } from "../runner/self-command.ts";
import { systemInfo } from "../system/info.ts";
import { parseFlags } from "./_shared/parse.ts";
import { parseModes } from "./_shared/run-flags.ts";
import { renderProbeReport } from "./doctor.ts";

export default async function setup(argv: string[]): Promise<number> {
  const { values } = parseFlags("setup", argv, { mode: { type: "string", short: "m" }, help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    process.stdout.write("Usage: pacer setup [--mode <modes>]\n\nInstalls what the instruments need (only what is missing).\n");
    return 0;
  }
  const log = createLogger();
  const modes = parseModes(values.mode, "simulation,walltime,memory", false);
  const system = systemInfo();
  const loaded = (await loadAllPlugins([], process.cwd())).filter((p) => p.plugin.mode && modes.includes(p.plugin.mode));
  const plugins: LoadedPlugin[] = loaded.map((p) => ({
    ...p,
    ctx: createPluginContext(p.plugin, {}, {
      system,
      mode: p.plugin.mode!,
      profileFolder: tmpdir(),
      plan: { kind: "integration", command: "" },
      flags: { skipSetup: false, allowEmpty: true, perfEnabled: true },
      selfCommand: selfCommand(),
    }),
  }));
  const before = await runProbe(plugins);
  const needing = plugins.filter((p) => before.get(p.plugin.name)?.needsSetup || before.get(p.plugin.name)?.status === "unsupported");
  if (!needing.length) log.info("Nothing to set up: every instrument has what it needs");
  for (const p of needing) log.info(`Setting up "${p.plugin.name}"`);
  await runSetup(needing, before);
  const after = await runProbe(plugins);
  for (const p of plugins) (p.ctx as { dispose?: () => void }).dispose?.();
  process.stdout.write(renderProbeReport([...after]));
  return [...after.values()].some((r) => r.status === "unsupported") ? 1 : 0;
}
