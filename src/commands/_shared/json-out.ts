/**
 * `--json` output: one object on stdout per command, `schema` first, naming the command and the
 * version of its shape (docs/json-output.md). A field added keeps the version; a field renamed or
 * removed bumps it.
 *
 * @module
 */
import { stdout } from "../../log/console-out.ts";

/** `pacer.<command>/1`, e.g. `pacer.runs/1`. */
export const jsonSchema = (command: string): string => `pacer.${command}/1`;

export function printJson(command: string, body: object): void {
  stdout.write(JSON.stringify({ schema: jsonSchema(command), ...body }, null, 2) + "\n");
}
