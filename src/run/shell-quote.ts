/**
 * Turning the argv after `--` into the shell string an integration run executes.
 *
 * @module
 */

/** Quotes one argument for bash, leaving plain words untouched. */
export function quoteArg(arg: string): string {
  if (arg !== "" && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A single argument is a shell command as written (multi-line scripts, pipes, the GitHub Action's
 * `run` input); several arguments are an argv and are quoted so each reaches the program intact.
 */
export function commandString(argv: string[]): string {
  if (argv.length === 1) return argv[0]!.trim();
  return argv.map(quoteArg).join(" ");
}
