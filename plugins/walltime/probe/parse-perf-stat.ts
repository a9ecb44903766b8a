/**
 * Parser for `perf stat -x, -e <event> -- true`: tells whether perf could open (and count) an event.
 *
 * @module
 */
import type { ExecResult } from "../../../src/index.ts";

export interface EventOpen {
  opened: boolean;
  /** Why it did not open, in perf's own words where possible. */
  reason?: string;
}

/**
 * Reads the outcome of opening one event (or an `{a,b}` group). perf exits 0 with `<not supported>`
 * for a known event the hardware lacks, 129 with `event syntax error` for an unknown name, and 255
 * with `The <ev> event is not supported.` when a group cannot be opened.
 */
export function parseEventOpen(res: ExecResult): EventOpen {
  if (res.spawnError) return { opened: false, reason: `perf could not start: ${res.spawnError}` };
  const out = `${res.stderr}\n${res.stdout}`;
  if (/event syntax error/.test(out)) return { opened: false, reason: "unknown event name (event syntax error)" };
  if (/<not supported>/.test(out)) return { opened: false, reason: "not supported by this machine's PMU" };
  if (/<not counted>/.test(out)) return { opened: false, reason: "opened but never counted" };
  const notSupported = /The (\S+) event is not supported/.exec(out);
  if (notSupported) return { opened: false, reason: `event "${notSupported[1]}" is not supported` };
  if (res.code !== 0) {
    const first = out.split("\n").find((l) => l.trim() !== "")?.trim() ?? "no output";
    return { opened: false, reason: `perf stat exited with ${res.code ?? "a signal"}: ${first}` };
  }
  // A counted event prints `<value>,<unit>,<name>,...` lines.
  return /^\s*[\d.]+,/m.test(out) ? { opened: true } : { opened: false, reason: "perf stat printed no count" };
}
