/**
 * YAML parsing of the config file, with errors that give the file, line and column.
 *
 * @module
 */
import { isAlias, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { PacerError, errorMessage } from "../errors.ts";

/**
 * Alias expansions allowed while building the value (yaml's own default is 100, set here on purpose):
 * a real config repeats an options block a few times, an alias bomb ("billion laughs") expands
 * thousands of times and would otherwise take the memory of the machine.
 */
export const MAX_ALIAS_COUNT = 100;

/** Line of the alias most likely to blow up: the first one whose anchor holds aliases itself. */
function aliasLine(doc: Document, lines: LineCounter): number | undefined {
  const anchored = new Map<string, Node>();
  let first: Node | undefined;
  let nested: Node | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        first ??= node;
        const target = anchored.get(node.source);
        let holdsAlias = false;
        if (target) visit(target, { Alias: () => ((holdsAlias = true), visit.BREAK) });
        if (holdsAlias && !nested) nested = node;
      } else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  const at = (nested ?? first)?.range?.[0];
  return at === undefined ? undefined : lines.linePos(at).line;
}

/** Parses YAML text; throws `E_CONFIG` naming `label` and the position of the first error. */
export function parseYamlConfig(text: string, label: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
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
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Building the value fails on aliases (too many expansions, one used before its anchor) or,
    // for a pathological document, on the stack: name the file either way, never a stack trace.
    const message = errorMessage(e);
    const aliasProblem = /alias/i.test(message);
    const line = aliasProblem ? aliasLine(doc, lineCounter) : undefined;
    const at = line === undefined ? "" : ` at line ${line}`;
    const bomb = /excessive alias count/i.test(message);
    const what = bomb ? `aliases expand more than ${MAX_ALIAS_COUNT} times` : message.replace(/\s*\(.*$/, "");
    const hint = bomb
      ? "Write the repeated values out or use fewer nested aliases (*name): a YAML alias bomb is refused"
      : aliasProblem ? "Define each anchor (&name) before the alias (*name) that uses it" : "Simplify the YAML structure of the file";
    throw new PacerError("E_CONFIG", `Cannot parse config "${label}": ${what}${at}`, { hint, cause: e });
  }
}
