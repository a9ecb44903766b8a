/**
 * `pacer __rusage <out.json> -- <command>...`: runs a command and writes its resource usage (from
 * wait4: CPU time and max RSS of the command and the descendants it waited for, not pacer's own) to
 * `<out.json>` as `{ exitCode, signal, userCpuUs, systemCpuUs, maxRssBytes }`. A helper for
 * plugins, which reach it through `ctx.selfCommand`; the exit code is the command's (128 + signal
 * when a signal killed it).
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { runWithRusage } from "../harness/rusage/run-helper.ts";

export default async function rusage(argv: string[]): Promise<number> {
  const sep = argv.indexOf("--");
  const out = argv[0];
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  if (!out || sep !== 1 || !cmd.length || !cmd[0]) {
    throw new PacerError("E_USAGE", "Usage: pacer __rusage <out.json> -- <command>...", {
      hint: "This command is internal; plugins run it as [...ctx.selfCommand, \"__rusage\", out, \"--\", ...argv]",
    });
  }
  const r = await runWithRusage(cmd);
  writeFileSync(out, JSON.stringify(r));
  return r.signal ? 128 + r.signal : r.exitCode;
}
