/**
 * The one place that decides whether pacer colours its output: `--color`, then `FORCE_COLOR`, then
 * `NO_COLOR`, then whether the stream is a terminal (`auto`). Every coloured output asks here.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { isTerminal } from "./console-out.ts";

export type ColorChoice = "auto" | "always" | "never";
export const COLOR_CHOICES: readonly ColorChoice[] = ["auto", "always", "never"];

let choice: ColorChoice = "auto";

/** `--color=<value>`: the flag beats every variable. */
export function setColorChoice(value: string): void {
  if (!(COLOR_CHOICES as readonly string[]).includes(value)) {
    throw new PacerError("E_USAGE", `Invalid --color "${value}": expected auto, always or never`, { hint: "Example: pacer runs --color=never" });
  }
  choice = value as ColorChoice;
}

/**
 * Whether output to `fd` (1 stdout, 2 stderr) is coloured. FORCE_COLOR is read before NO_COLOR: it is
 * the more specific wish (set for one job or call), NO_COLOR a user-wide default. `FORCE_COLOR=0`
 * (or `false`) turns colour off, as in Node and chalk.
 */
export function useColor(fd: 1 | 2, env: NodeJS.ProcessEnv = process.env, tty: (fd: number) => boolean = isTerminal): boolean {
  if (choice !== "auto") return choice === "always";
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return tty(fd);
}
