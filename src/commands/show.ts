/**
 * `pacer show`: the mode `pacer use` set for this shell session (CodSpeed's `codspeed show`).
 *
 * @module
 */
import { shellMode } from "../shell-mode/store.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer show [--json]

Prints the mode \`pacer use\` (or \`codspeed use\`) set for this shell session, or
"No mode set for this shell session".

Options:
      --json        Print {"schema": "pacer.show/1", "modes": […] | null, "shellPid", "file"}
  -h, --help        Show this help
`;

export default async function show(argv: string[]): Promise<number> {
  const { values } = parseFlags("show", argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  const found = shellMode();
  if (values.json) {
    stdout.write(`${JSON.stringify({ schema: "pacer.show/1", modes: found?.modes ?? null, shellPid: found?.shellPid ?? null, file: found?.file ?? null })}\n`);
  } else {
    stdout.write(found ? `${found.modes.join(",")}\n` : "No mode set for this shell session\n");
  }
  return 0;
}
