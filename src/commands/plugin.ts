/**
 * `pacer plugin init <name>`: starts a typed instrument plugin in the current folder (or `--dir`):
 * `<name>.ts` (runs as is), `tsconfig.json` and the shipped `pacer-plugin.d.ts` it typechecks against.
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer plugin init <name> [--dir <folder>]

Writes a typed instrument plugin that runs as is: <name>.ts, tsconfig.json (only when there is none)
and pacer-plugin.d.ts (the plugin API's types, no packages needed). Typecheck with \`npx tsc -p .\`,
run with \`pacer exec --plugin ./<name>.ts -- <command>\`.

Options:
      --dir <folder>  Where to write the files (default: the current folder)
      --json          Print the files written as JSON
  -h, --help          Show this help
`;

async function shippedTypes(): Promise<string> {
  try {
    const { default: path } = await import("../plugin-init/embedded-types.ts");
    return await Bun.file(path).text();
  } catch (err) {
    throw new PacerError("E_IO", `Cannot read the plugin types embedded in pacer: ${(err as Error).message}`, {
      hint: "Run `npm run build` (it writes them) and use dist/pacer",
    });
  }
}

export default async function plugin(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("plugin", argv, { dir: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  const [sub, name, ...rest] = positionals;
  if (sub !== "init" || !name || rest.length) {
    throw new PacerError("E_USAGE", sub && sub !== "init" ? `Unknown subcommand "pacer plugin ${sub}"` : "Usage: pacer plugin init <name>", {
      hint: "Example: pacer plugin init energy",
    });
  }
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new PacerError("E_USAGE", `Invalid plugin name "${name}": expected a kebab-case name like "cpu-time"`, { hint: "Use lower-case letters, digits and dashes" });
  }
  const dir = resolve(values.dir ?? ".");
  const file = join(dir, `${name}.ts`);
  if (existsSync(file)) {
    throw new PacerError("E_USAGE", `Cannot create "${file}": the file exists`, { hint: "Pick another name or --dir, or remove the file" });
  }
  const { pluginSource, tsconfigSource } = await import("../plugin-init/skeleton.ts");
  const types = await shippedTypes();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, pluginSource(name), { flag: "wx" });
  writeFileSync(join(dir, "pacer-plugin.d.ts"), types);
  const tsconfig = join(dir, "tsconfig.json");
  const log = createLogger();
  const written = [file, join(dir, "pacer-plugin.d.ts")];
  if (existsSync(tsconfig)) log.warn(`"${tsconfig}" exists: add "pacer-plugin.d.ts" and "${name}.ts" to its "files" yourself`);
  else (writeFileSync(tsconfig, tsconfigSource(name), { flag: "wx" }), written.push(tsconfig));
  if (values.json) printJson("plugin-init", { plugin: file, files: written });
  log.info(`Wrote "${file}"; run it with: pacer exec --plugin ${JSON.stringify(file)} -- sleep 0.1`);
  return 0;
}
