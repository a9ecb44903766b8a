/**
 * Pure parsers for what the simulation probe runs: `valgrind --version`, an option check and the
 * free-threaded Python check.
 *
 * @module
 */

export interface ValgrindVersion {
  /** `3.19.0`, `3.26.0`… */
  version: string;
  /** Built by CodSpeed (`valgrind-3.26.0.codspeed…`), which adds `--obj-skip` and more. */
  codspeed: boolean;
}

/** Parses `valgrind --version` output (`valgrind-3.19.0`, `valgrind-3.26.0.codspeed`, `valgrind-3.22.0-Debian`). */
export function parseValgrindVersion(text: string): ValgrindVersion | undefined {
  const m = /^valgrind-(\d+\.\d+(?:\.\d+)?)(\S*)/m.exec(text.trim());
  if (!m) return undefined;
  return { version: m[1]!, codspeed: /codspeed/i.test(m[2]!) };
}

export type OptionCheck = { accepted: true } | { accepted: false; reason: string };

/**
 * Reads the result of running `valgrind --tool=callgrind <option> /bin/true`: valgrind rejects an
 * option it does not know (or a value it does not take) before starting the program.
 */
export function parseOptionCheck(code: number | null, stderr: string): OptionCheck {
  if (code === 0) return { accepted: true };
  const line = stderr.split("\n").find((l) => /^valgrind: (Unknown|Bad) option/i.test(l));
  if (line) return { accepted: false, reason: line.replace(/^valgrind:\s*/, "") };
  const first = stderr.split("\n").find((l) => l.trim() !== "") ?? `exit code ${code}`;
  return { accepted: false, reason: `the check failed: ${first.trim()}` };
}

/** `Py_GIL_DISABLED` as printed by `python -c "…get_config_var('Py_GIL_DISABLED') or 0"`. */
export function parseGilDisabled(stdout: string): boolean {
  return stdout.trim() === "1";
}
