/**
 * How long an upload may take: a total limit over every request and retry (default 30 min) and a
 * stall limit per request (no byte moving for 30 s), from flags or the environment.
 *
 * @module
 */
import { PacerError } from "../errors.ts";

export interface UploadLimits {
  totalMs: number;
  stallMs: number;
  /** How often a long transfer prints a progress line. */
  progressMs: number;
  /** How the user changes the total limit, for the message when it is hit. */
  totalLabel: string;
}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback * 1000;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 7 * 24 * 3600) {
    throw new PacerError("E_USAGE", `Invalid ${name} "${value}": expected a number of seconds above 0`, { hint: `Example: ${name}=600` });
  }
  return n * 1000;
}

/**
 * @example
 * ```ts
 * uploadLimits({ timeout: "600" }, {}, false); // { totalMs: 600000, stallMs: 30000, progressMs: 30000, … }
 * ```
 */
export function uploadLimits(flags: { timeout?: string; stallTimeout?: string }, env: NodeJS.ProcessEnv, tty: boolean): UploadLimits {
  const totalName = flags.timeout !== undefined ? "--upload-timeout" : "PACER_UPLOAD_TIMEOUT";
  const stallName = flags.stallTimeout !== undefined ? "--stall-timeout" : "PACER_UPLOAD_STALL_TIMEOUT";
  const totalMs = seconds(flags.timeout ?? env.PACER_UPLOAD_TIMEOUT, totalName, 1800);
  return {
    totalMs,
    stallMs: seconds(flags.stallTimeout ?? env.PACER_UPLOAD_STALL_TIMEOUT, stallName, 30),
    progressMs: seconds(env.PACER_UPLOAD_PROGRESS_INTERVAL, "PACER_UPLOAD_PROGRESS_INTERVAL", tty ? 5 : 30),
    totalLabel: `the ${totalMs / 1000} s upload limit (--upload-timeout or PACER_UPLOAD_TIMEOUT)`,
  };
}
