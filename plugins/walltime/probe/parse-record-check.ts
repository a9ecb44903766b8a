/**
 * Parser for a short `perf record ... -o - -- true` run used to check that one record option works.
 *
 * @module
 */
import type { ExecResult } from "../../../src/index.ts";

export interface RecordCheck {
  ok: boolean;
  reason?: string;
}

/** `ok` when perf recorded `true` with the option; otherwise perf's first complaint as the reason. */
export function parseRecordCheck(res: ExecResult): RecordCheck {
  if (res.spawnError) return { ok: false, reason: `perf could not start: ${res.spawnError}` };
  if (res.code === 0) return { ok: true };
  const lines = res.stderr.split("\n").map((l) => l.trim());
  const unknown = lines.find((l) => /unknown (option|switch)|unknown clockid|invalid|not supported|failed to/i.test(l));
  // With a bad value perf may only print its usage, ending with the help line of the option at fault.
  const usage = lines.findIndex((l) => l.startsWith("Usage:"));
  const helped = usage >= 0 ? lines.slice(usage + 1).find((l) => /^-\w, --|^--/.test(l)) : undefined;
  const first =
    unknown ??
    (helped ? `perf rejected ${helped.split(/\s+/).slice(0, 2).join(" ")}` : undefined) ??
    lines.find((l) => l !== "" && !l.startsWith("[ perf record:") && !l.startsWith("Usage:") && !l.startsWith("or:"));
  return { ok: false, reason: `perf record exited with ${res.code ?? "a signal"}: ${first ?? "no output"}` };
}
