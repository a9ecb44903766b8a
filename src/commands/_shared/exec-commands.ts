/**
 * The commands of one `pacer exec` call: `--command` shell strings (repeatable), the argv after `--`,
 * `--name`s paired with them in order, the shell (`--shell`, `-N`), `--prepare` / `--conclude`, and
 * parameter placeholders expanded to one benchmark per value.
 *
 * @module
 */
import { PacerError } from "../../errors.ts";
import type { ExecTarget, WalltimeOptions } from "../../plugin/types.ts";
import { existsSync } from "node:fs";
import { shellQuote, shellSplit } from "../../toolkit/shell.ts";
import { combinations, parametersOf, substitute } from "./exec-parameters.ts";

/** One benchmark of `pacer exec`: named after its command line unless named, under exec-harness's URI. */
export function execTarget(argv: string[], name: string | undefined, walltime: WalltimeOptions): ExecTarget {
  const n = name ?? argv.join(" ");
  return { name: n, uri: `exec_harness::${n}`, argv, walltime };
}

export const EXEC_COMMAND_FLAG_OPTIONS = {
  command: { type: "string", multiple: true },
  shell: { type: "string", short: "S" },
  "no-shell": { type: "boolean", short: "N" },
  prepare: { type: "string", multiple: true },
  conclude: { type: "string", multiple: true },
  "parameter-scan": { type: "string", multiple: true },
  "parameter-step-size": { type: "string" },
  "parameter-list": { type: "string", multiple: true },
  quick: { type: "boolean" },
  "export-json": { type: "string" },
  "export-markdown": { type: "string" },
} as const;

export interface ExecCommandValues {
  command?: string[];
  name?: string[];
  shell?: string;
  "no-shell"?: boolean;
  prepare?: string[];
  conclude?: string[];
  "parameter-scan"?: string[];
  "parameter-step-size"?: string;
  "parameter-list"?: string[];
}

/** One command as the user wrote it, before parameters are substituted. */
interface Written {
  /** A shell string (`--command`, a lone positional with spaces or shell syntax). */
  text?: string;
  /** An argv kept as given (after `--`). */
  argv?: string[];
  name?: string;
}

// A lone word after `--` with any of these (or a space) is a shell string, as `pacer run` reads it.
const SHELL_SYNTAX = /[\s|&;<>()$`\\"'*?[\]#~=%{}]/;

/**
 * `exec -- 'sleep 0.01' 'sleep 0.02'` is one argv whose program would be "sleep 0.01": a program name
 * with a space that is no file is a second command written the hyperfine way, refused with the fix.
 */
function checkNotSeveralCommands(argv: string[]): void {
  const first = argv[0]!;
  if (argv.length < 2 || !/\s/.test(first.trim()) || existsSync(first)) return;
  throw new PacerError("E_USAGE", `Cannot run "${first}" as a program: the words after "--" are one command and its arguments`, {
    hint: `To benchmark several commands, give each with --command: pacer exec ${argv.map((a) => `--command ${shellQuote([a])}`).join(" ")}`,
  });
}

/** The shell prefix (`["sh", "-c"]`), or undefined for `-N` / `--shell none`. */
export function shellPrefix(v: Pick<ExecCommandValues, "shell" | "no-shell">): string[] | undefined {
  if (v["no-shell"] && v.shell !== undefined && v.shell !== "none") {
    throw new PacerError("E_USAGE", `Both --no-shell and --shell "${v.shell}" are given`, { hint: "Keep one of them" });
  }
  if (v["no-shell"] || v.shell === "none") return undefined;
  const words = shellSplit(v.shell === undefined || v.shell === "default" ? "sh" : v.shell);
  if (!words.length) throw new PacerError("E_USAGE", "Invalid --shell \"\": the shell is empty", { hint: 'Example: --shell bash, or --shell none' });
  return [...words, "-c"];
}

function written(positionals: string[], v: ExecCommandValues): Written[] {
  const cmds: Written[] = (v.command ?? []).map((text) => ({ text }));
  if (positionals.length === 1 && SHELL_SYNTAX.test(positionals[0]!.trim())) cmds.push({ text: positionals[0]!.trim() });
  else if (positionals.length) {
    checkNotSeveralCommands(positionals);
    cmds.push({ argv: positionals });
  }
  const names = v.name ?? [];
  if (names.length > cmds.length) {
    throw new PacerError("E_USAGE", `${names.length} --name given for ${cmds.length} command(s)`, {
      hint: "Give at most one --name per command, in the order of the commands (--command ones first, then the one after --)",
    });
  }
  return cmds.map((c, i) => ({ ...c, name: names[i] }));
}

/** One per command, or one for all; each a shell string run like the commands. */
function perCommand(flag: "prepare" | "conclude", list: string[] | undefined, n: number): Array<string | undefined> {
  if (!list?.length) return Array(n).fill(undefined);
  if (list.length === 1) return Array(n).fill(list[0]);
  if (list.length === n) return list;
  throw new PacerError("E_USAGE", `${list.length} --${flag} given for ${n} commands`, { hint: `Give one --${flag} for all commands, or one per command` });
}

function argvOf(text: string, shell: string[] | undefined): string[] {
  return shell ? [...shell, text] : shellSplit(text);
}

/**
 * The benchmark targets of the CLI: `--command`s in order, then the command after `--`, each
 * expanded over the parameter values. Throws E_USAGE for an empty command, names that do not
 * pair, or two benchmarks with one name.
 *
 * @example
 * ```ts
 * execCommands([], { command: ["sleep {t}"], "parameter-list": ["t=0.01,0.02"] }, {});
 * // two targets: "sleep 0.01" and "sleep 0.02", each run as ["sh", "-c", "sleep …"]
 * ```
 */
export function execCommands(positionals: string[], v: ExecCommandValues, walltime: WalltimeOptions): ExecTarget[] {
  const cmds = written(positionals, v);
  if (!cmds.length) throw new PacerError("E_USAGE", "No command given to benchmark", { hint: "Example: pacer exec -- sleep 0.01, or pacer exec --command 'sleep 0.01' --command 'sleep 0.02'" });
  const shell = shellPrefix(v);
  const prepares = perCommand("prepare", v.prepare, cmds.length);
  const concludes = perCommand("conclude", v.conclude, cmds.length);
  const params = parametersOf(v["parameter-scan"], v["parameter-list"], v["parameter-step-size"]);
  const targets: ExecTarget[] = [];
  cmds.forEach((c, i) => {
    for (const values of combinations(params)) {
      const text = c.text === undefined ? undefined : substitute(c.text, values);
      const argv = text === undefined ? c.argv!.map((a) => substitute(a, values)) : argvOf(text, shell);
      if (!argv[0]?.trim() || text?.trim() === "") {
        throw new PacerError("E_USAGE", `The benchmark command is empty: ${text === undefined ? `the program name after "--" is "${argv[0] ?? ""}"` : `--command "${text}"`}`, {
          hint: "Example: pacer exec -- sleep 0.01",
        });
      }
      const t = execTarget(argv, c.name !== undefined ? substitute(c.name, values) : text, walltime);
      if (text !== undefined && shell) t.shell = shell;
      const [prep, concl] = [prepares[i], concludes[i]];
      if (prep !== undefined) t.prepare = argvOf(substitute(prep, values), shell);
      if (concl !== undefined) t.conclude = argvOf(substitute(concl, values), shell);
      if (params.length) t.parameters = values;
      targets.push(t);
    }
  });
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) throw new PacerError("E_USAGE", `Two benchmarks are named "${t.name}"`, { hint: "Give each command its own --name (a name may use {param} placeholders)" });
    seen.add(t.name);
  }
  return targets;
}
