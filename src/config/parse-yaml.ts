/**
 * YAML parsing of the config file, with errors that give the file, line and column.
 *
 * @module
 */
import { parseDocument } from "yaml";
import { PacerError } from "../errors.ts";

/** Parses YAML text; throws `E_CONFIG` naming `label` and the position of the first error. */
export function parseYamlConfig(text: string, label: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    // yaml's message is "<what> at line L, column C:\n\n<excerpt>"; keep the first line, and the excerpt in the hint.
    const [first = err.code, ...rest] = err.message.split("\n");
    const pos = err.linePos?.[0];
    const where = pos && !/at line \d+/.test(first) ? ` at line ${pos.line}, column ${pos.col}` : "";
    const excerpt = rest.join("\n").trim();
    throw new PacerError("E_CONFIG", `Cannot parse config "${label}": ${first.replace(/:$/, "")}${where}`, {
      hint: `Fix the YAML syntax at that position${excerpt ? `:\n${excerpt}` : ""}`,
    });
  }
  return doc.toJS();
}
