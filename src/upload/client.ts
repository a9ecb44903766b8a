/**
 * HTTP with retries: exponential backoff with full jitter on network errors, stalls, timeouts, 408,
 * 429 and 5xx; `Retry-After` is honoured (capped). Every request carries `User-Agent: pacer/<version>`,
 * never follows a redirect (a POST must not turn into a GET elsewhere), and is watched: no byte moving
 * for `stallMs` aborts the attempt, and nothing outlives the overall `deadline`. The reply body is
 * read here, capped, so no caller can buffer an unbounded reply.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { readCapped, REPLY_LIMIT } from "./read-capped.ts";
import { Watchdog, type Attempt } from "./watchdog.ts";

export type { Attempt } from "./watchdog.ts";

export const USER_AGENT = `pacer/${VERSION}`;

export interface RetryOptions {
  /** Retries after the first attempt (3 for uploads, 10 for OIDC). */
  retries: number;
  /** Hard timeout of one attempt (none: only the stall timeout and the deadline apply). */
  timeoutMs?: number;
  /** Abort an attempt when no byte was sent or received for this long. */
  stallMs?: number;
  /** Epoch ms after which no attempt runs and no retry is scheduled. */
  deadline?: number;
  /** The limit as the user can change it, e.g. "the 1800 s limit (--upload-timeout)". */
  deadlineLabel?: string;
  /** First backoff delay; doubles per retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Largest reply body accepted (default 1 MiB). */
  replyLimit?: number;
  /** Called before each retry with a human reason (`HTTP 503`, `connection reset`…). */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

/** A reply whose body was read whole (within the limit). */
export interface HttpReply {
  status: number;
  ok: boolean;
  headers: Headers;
  body: Buffer;
}

/** Read from the environment so tests and slow networks can tune them without flags. */
export function retryTuning(env: NodeJS.ProcessEnv): Pick<RetryOptions, "baseDelayMs"> & { timeoutMs?: number } {
  const base = Number(env.PACER_HTTP_RETRY_BASE_MS);
  const timeout = Number(env.PACER_HTTP_TIMEOUT_MS);
  return {
    ...(Number.isFinite(base) && base >= 0 && env.PACER_HTTP_RETRY_BASE_MS ? { baseDelayMs: base } : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  };
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Delay before retry `attempt` (1-based): full jitter over an exponential window. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, retryAfter?: string | null): number {
  const after = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(after) && after >= 0) return Math.min(after * 1000, maxMs);
  const window = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(window / 2 + Math.random() * (window / 2));
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError" || err.name === "AbortError") return "request timed out";
    const code = (err as { code?: string }).code;
    const known: Record<string, string> = {
      ECONNRESET: "connection reset",
      ECONNREFUSED: "connection refused",
      ENOTFOUND: "host not found",
      ETIMEDOUT: "connection timed out",
    };
    if (code && known[code]) return `${known[code]} (${code})`;
    return code ? `${err.message.split(". ")[0]} (${code})` : err.message;
  }
  return String(err);
}

/** The error thrown when every attempt failed on the network: the last cause is kept. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NetworkError";
  }
}

function deadlineError(opts: RetryOptions, attempts: number, last?: string): NetworkError {
  const what = opts.deadlineLabel ?? "the time limit";
  return new NetworkError(`gave up after ${attempts} attempt${attempts > 1 ? "s" : ""}: ${what} was reached${last ? ` (last: ${last})` : ""}`);
}

/** One attempt: fetch and read the capped body, all under the watchdog. */
async function attemptOnce(url: string, init: (a: Attempt) => RequestInit, opts: RetryOptions, dog: Watchdog): Promise<HttpReply> {
  const req = init(dog.attempt);
  const headers = new Headers(req.headers);
  headers.set("User-Agent", USER_AGENT);
  try {
    const res = await fetch(url, { ...req, headers, redirect: "manual", signal: dog.signal });
    dog.attempt.touch(0);
    const body = await readCapped(res, opts.replyLimit ?? REPLY_LIMIT, url, dog.attempt);
    return { status: res.status, ok: res.ok, headers: res.headers, body };
  } catch (err) {
    throw dog.reason() ?? err;
  } finally {
    dog.stop();
  }
}

/** A JSON POST, with the upload token as `Authorization` when there is one. */
export function jsonPost(body: string, token: string | undefined): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json", ...(token ? { Authorization: token } : {}) }, body };
}

/**
 * Requests with retries. `init` is a factory so that a body stream (a file) is recreated per
 * attempt; it receives the attempt, whose `touch(bytes)` tells the watchdog bytes moved. Returns
 * the last reply (possibly a non-2xx or 3xx one); throws {@link NetworkError} when the last attempt
 * failed without one or the deadline passed, and a `PacerError` for a reply over the limit.
 *
 * @example
 * ```ts
 * const reply = await fetchWithRetry(url, () => ({ method: "POST", body: json }), { retries: 3, stallMs: 30_000 });
 * ```
 */
export async function fetchWithRetry(url: string, init: (a: Attempt) => RequestInit, opts: RetryOptions): Promise<HttpReply> {
  const baseMs = opts.baseDelayMs ?? 500;
  const maxMs = opts.maxDelayMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    if (opts.deadline !== undefined && Date.now() >= opts.deadline) throw deadlineError(opts, attempt);
    const dog = new Watchdog({ timeoutMs: opts.timeoutMs, stallMs: opts.stallMs, deadline: opts.deadline });
    let reason: string;
    let retryAfter: string | null = null;
    try {
      const reply = await attemptOnce(url, init, opts, dog);
      if (!isRetryableStatus(reply.status) || attempt >= opts.retries) return reply;
      reason = `HTTP ${reply.status}`;
      retryAfter = reply.headers.get("retry-after");
    } catch (err) {
      if (dog.hitDeadline()) throw deadlineError(opts, attempt + 1);
      if (err instanceof PacerError) throw err;
      if (attempt >= opts.retries) {
        throw new NetworkError(`${describe(err)} after ${attempt + 1} attempt${attempt ? "s" : ""}`, { cause: err });
      }
      reason = describe(err);
    }
    const delay = backoffDelay(attempt + 1, baseMs, maxMs, retryAfter);
    if (opts.deadline !== undefined && Date.now() + delay >= opts.deadline) throw deadlineError(opts, attempt + 1, reason);
    opts.onRetry?.(attempt + 1, reason, delay);
    await Bun.sleep(delay);
  }
}
