/**
 * The line `rusage-exec` writes to its report descriptor, and the JSON `pacer __rusage` writes for
 * plugins.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../../errors.ts";

const Int = v.pipe(v.number(), v.integer());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const ReportSchema = v.strictObject({
  /** -1 when the command died of a signal. */
  exitCode: Int,
  signal: Count,
  userCpuUs: Count,
  systemCpuUs: Count,
  maxRssKb: Count,
});

/** What `pacer __rusage` writes to its `<out.json>` (kept from the first version, plus `signal`). */
export interface RusageJson {
  exitCode: number;
  signal: number;
  userCpuUs: number;
  systemCpuUs: number;
  maxRssBytes: number;
}

/**
 * Reads the helper's report line.
 *
 * @throws PacerError `E_RUN` when the helper wrote nothing or something else (it did not reach wait4)
 *
 * @example
 * ```ts
 * parseHelperReport('{"exitCode":0,"signal":0,"userCpuUs":1,"systemCpuUs":2,"maxRssKb":1572}\n').maxRssBytes; // 1609728
 * ```
 */
export function parseHelperReport(text: string): RusageJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const r = v.safeParse(ReportSchema, raw);
  if (!r.success) {
    throw new PacerError("E_RUN", `The rusage helper did not report the command's resource usage: it wrote "${text.trim()}"`, {
      hint: "Its error, if any, is above; rebuild pacer (`npm run build`) if the helper is damaged",
    });
  }
  const { maxRssKb, ...rest } = r.output;
  return { ...rest, maxRssBytes: maxRssKb * 1024 };
}
