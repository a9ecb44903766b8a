/**
 * Parameter scans and lists of `pacer exec` (`{threads}` placeholders): the flags' values read into
 * named value lists, and the commands expanded to one benchmark per combination of values.
 *
 * node:util parseArgs takes one value per flag, so pacer's spelling is `--parameter-scan threads=1..8`
 * and `--parameter-list threads=1,2,4`; hyperfine's three-word spelling is rewritten to it first.
 *
 * @module
 */
import { PacerError } from "../../errors.ts";

export interface Parameter {
  name: string;
  values: string[];
}

/** More benchmarks than this is a typo (a step of 0.0001), not a benchmark plan. */
const MAX_VALUES = 1000;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SPELLINGS: Record<string, { flag: string; words: number; join: (w: string[]) => string }> = {
  "--parameter-scan": { flag: "--parameter-scan", words: 3, join: ([n, a, b]) => `${n}=${a}..${b}` },
  "-P": { flag: "--parameter-scan", words: 3, join: ([n, a, b]) => `${n}=${a}..${b}` },
  "--parameter-list": { flag: "--parameter-list", words: 2, join: ([n, l]) => `${n}=${l}` },
  "-L": { flag: "--parameter-list", words: 2, join: ([n, l]) => `${n}=${l}` },
};

/**
 * Rewrites hyperfine's `--parameter-scan <name> <min> <max>` / `-P`, `--parameter-list <name> <a,b>` /
 * `-L` into pacer's one-value form; words after `--` are the command's and are left alone.
 *
 * @example
 * ```ts
 * hyperfineParameterArgs(["-P", "t", "1", "4", "--", "x"]); // ["--parameter-scan", "t=1..4", "--", "x"]
 * ```
 */
export function hyperfineParameterArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return [...out, ...argv.slice(i)];
    const s = SPELLINGS[a];
    const next = argv[i + 1];
    if (s && next !== undefined && !next.includes("=") && NAME.test(next) && i + s.words < argv.length) {
      out.push(s.flag, s.join(argv.slice(i + 1, i + 1 + s.words)));
      i += s.words;
    } else out.push(a);
  }
  return out;
}

function usage(flag: string, raw: string, why: string, example: string): PacerError {
  return new PacerError("E_USAGE", `Invalid --${flag} "${raw}": ${why}`, { hint: `Example: --${flag} ${example}` });
}

function split(flag: string, raw: string, example: string): [string, string] {
  const eq = raw.indexOf("=");
  const name = eq < 0 ? "" : raw.slice(0, eq);
  if (!NAME.test(name)) throw usage(flag, raw, "expected <name>=<values> with a name of letters, digits and _", example);
  return [name, raw.slice(eq + 1)];
}

const decimals = (s: string): number => (s.split(".")[1] ?? "").length;

/** `threads=1..8` with an optional step (`--parameter-step-size`): the values from min to max inclusive. */
export function parseScan(raw: string, step?: string): Parameter {
  const example = "threads=1..8";
  const [name, range] = split("parameter-scan", raw, example);
  const m = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(range);
  if (!m) throw usage("parameter-scan", raw, 'expected a range "<min>..<max>"', example);
  const [lo, hi] = [Number(m[1]), Number(m[2])];
  if (lo > hi) throw usage("parameter-scan", raw, `the minimum ${m[1]} is above the maximum ${m[2]}`, example);
  const stepText = step ?? "1";
  const by = Number(stepText);
  if (!/^\d+(?:\.\d+)?$/.test(stepText) || !(by > 0)) {
    throw new PacerError("E_USAGE", `Invalid --parameter-step-size "${stepText}": expected a positive number`, { hint: "Example: --parameter-step-size 2" });
  }
  const count = Math.floor((hi - lo) / by + 1e-9) + 1;
  if (count > MAX_VALUES) throw usage("parameter-scan", raw, `it gives ${count} values, at most ${MAX_VALUES}`, example);
  // Decimal steps accumulate binary error: each value is computed from its index and rounded.
  const digits = Math.max(decimals(m[1]!), decimals(m[2]!), decimals(stepText));
  return { name, values: Array.from({ length: count }, (_, i) => (lo + i * by).toFixed(digits)) };
}

/** `threads=1,2,4`: the listed values, in order. */
export function parseList(raw: string): Parameter {
  const [name, list] = split("parameter-list", raw, "threads=1,2,4");
  const values = list.split(",");
  if (values.some((x) => x === "")) throw usage("parameter-list", raw, "a value is empty", "threads=1,2,4");
  return { name, values };
}

/** Every combination of the parameters' values (the first parameter varies slowest). */
export function combinations(params: Parameter[]): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const p of params) out = out.flatMap((c) => p.values.map((v) => ({ ...c, [p.name]: v })));
  return out;
}

/** Replaces `{name}` by the value of each parameter; other braces are left as written. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, n: string) => values[n] ?? whole);
}

/** The parameters of the flags, checked: one name used twice is refused. */
export function parametersOf(scans: string[] = [], lists: string[] = [], step?: string): Parameter[] {
  if (step !== undefined && scans.length === 0) {
    throw new PacerError("E_USAGE", "--parameter-step-size needs --parameter-scan", { hint: "Example: --parameter-scan threads=1..8 --parameter-step-size 2" });
  }
  const params = [...scans.map((s) => parseScan(s, step)), ...lists.map(parseList)];
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new PacerError("E_USAGE", `The parameter "${p.name}" is given twice`, { hint: "Give each parameter one --parameter-scan or --parameter-list" });
    seen.add(p.name);
  }
  return params;
}
