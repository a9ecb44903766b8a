/**
 * `pacer use <mode>`: the default mode of `run` and `exec` for the current shell session
 * (CodSpeed's `codspeed use`). `--mode` and `CODSPEED_RUNNER_MODE` still take precedence.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";
import { parseModes } from "./_shared/run-flags.ts";
import { setShellMode } from "../shell-mode/store.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer use <mode>[,<mode>…] [--json]

Sets the mode of \`pacer run\` and \`pacer exec\` for this shell session (the shell that runs this
command and everything started from it). --mode and CODSPEED_RUNNER_MODE still win.
Stored in $XDG_RUNTIME_DIR/pacer_use_mode/<shell pid> (else $TMPDIR or /tmp). See \`pacer show\`.

Options:
      --json        Print {"schema": "pacer.use/1", "modes": […], "shellPid": …, "file": …}
  -h, --help        Show this help
`;

export default async function use(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("use", argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new PacerError("E_USAGE", positionals.length === 0 ? "No mode given to \"pacer use\"" : `Too many arguments for "pacer use": ${positionals.join(" ")}`, {
      hint: `Run \`pacer use ${BUILTIN_MODES.map((m) => m.name).join("|")}\``,
    });
  }
  // Given, so parseModes reads no fallback (flag, env or shell); "" is refused below, as "," is.
  const modes = positionals[0] ? parseModes(positionals[0], undefined, false) : [];
  if (modes.length === 0) throw new PacerError("E_USAGE", `Invalid mode "${positionals[0]}"`, { hint: "Give a mode name, e.g. `pacer use walltime`" });
  const shellPid = process.ppid;
  const file = setShellMode(modes, shellPid);
  if (values.json) stdout.write(`${JSON.stringify({ schema: "pacer.use/1", modes, shellPid, file })}\n`);
  else stdout.write(`Mode for this shell session (pid ${shellPid}): ${modes.join(",")}\n`);
  return 0;
}
