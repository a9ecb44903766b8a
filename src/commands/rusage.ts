/**
 * `pacer __rusage <out.json> -- <command>...`: runs a command and writes its resource usage (from
 * wait4: CPU time and max RSS of the process and the descendants it waited for). A helper for
 * plugins, which reach it through `ctx.selfCommand`; the exit code is the command's.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { PacerError } from "../errors.ts";

export default async function rusage(argv: string[]): Promise<number> {
  const sep = argv.indexOf("--");
  const out = argv[0];
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  if (!out || sep !== 1 || !cmd.length) {
    throw new PacerError("E_USAGE", "Usage: pacer __rusage <out.json> -- <command>...");
  }
  const proc = Bun.spawn(cmd, { stdio: ["inherit", "inherit", "inherit"] });
  const code = await proc.exited;
  const u = proc.resourceUsage();
  writeFileSync(
    out,
    JSON.stringify({
      exitCode: code,
      userCpuUs: Number(u?.cpuTime.user ?? 0),
      systemCpuUs: Number(u?.cpuTime.system ?? 0),
      maxRssBytes: Number(u?.maxRSS ?? 0),
    }),
  );
  return proc.signalCode ? 128 + 9 : code;
}
