/**
 * `pacer setup [--mode <modes>]`: installs and configures what the instruments need, only where a
 * fresh probe says it is needed.
 *
 * @module
 */
import { createLogger } from "../log/logger.ts";
import { runProbe, runSetup } from "../plugin/driver.ts";
import { loadAllPlugins, standaloneContexts } from "../run/plugins.ts";
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";
import { specOf } from "../plugin/modes.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { parseModes } from "./_shared/run-flags.ts";
import { renderProbeReport } from "./doctor.ts";
import { stdout } from "../log/console-out.ts";

export default async function setup(argv: string[]): Promise<number> {
  const { values } = parseFlags("setup", argv, { mode: { type: "string", short: "m" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    stdout.write("Usage: pacer setup [--mode <modes>] [--json]\n\nInstalls what the instruments need (only what is missing).\n");
    return 0;
  }
  const log = createLogger();
  const modes = parseModes(values.mode, BUILTIN_MODES.map((m) => m.name).join(","), false);
  const loaded = (await loadAllPlugins([], process.cwd())).filter((p) => p.plugin.mode && modes.includes(specOf(p.plugin)!.name));
  const plugins = standaloneContexts(loaded, { skipSetup: false });
  const before = await runProbe(plugins);
  const needing = plugins.filter((p) => before.get(p.plugin.name)?.needsSetup || before.get(p.plugin.name)?.status === "unsupported");
  if (!needing.length) log.info("Nothing to set up: every instrument has what it needs");
  for (const p of needing) log.info(`Setting up "${p.plugin.name}"`);
  await runSetup(needing, before);
  const after = await runProbe(plugins, "refresh");
  for (const p of plugins) p.ctx.dispose();
  if (values.json) printJson("setup", { setUp: needing.map((p) => p.plugin.name), instruments: Object.fromEntries(after) });
  else stdout.write(renderProbeReport([...after]));
  return [...after.values()].some((r) => r.status === "unsupported") ? 1 : 0;
}
