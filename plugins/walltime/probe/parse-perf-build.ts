/**
 * Parsers for `perf --version` and `perf version --build-options`.
 *
 * @module
 */

/** The version in `perf version 6.1.187` (also `perf version 6.8.12-generic`), or undefined. */
export function parsePerfVersion(stdout: string): string | undefined {
  return /^perf version (\S+)/m.exec(stdout)?.[1];
}

/**
 * Whether perf was built with zstd (`zstd: [ on  ]`); undefined when the line is absent, e.g. on
 * builds too old to list it. Matches the reference: a line whose lowercase contains `zstd: [ on`.
 */
export function parseZstdSupport(stdout: string): boolean | undefined {
  const line = stdout.split("\n").find((l) => /^\s*zstd:\s*\[/i.test(l));
  if (line === undefined) return undefined;
  return line.toLowerCase().includes("zstd: [ on");
}
