/**
 * HTTP with retries: exponential backoff with full jitter on network errors, timeouts, 408, 429
 * and 5xx; `Retry-After` is honoured (capped). Every request carries `User-Agent: pacer/<version>`
 * and a per-attempt timeout.
 *
 * @module
 */
import { VERSION } from "../version.ts";

export const USER_AGENT = `pacer/${VERSION}`;

export interface RetryOptions {
  /** Retries after the first attempt (3 for uploads, 10 for OIDC). */
  retries: number;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** First backoff delay; doubles per retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry with a human reason (`HTTP 503`, `connection reset`…). */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
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

/**
 * Fetches with retries. `init` is a factory so that a body stream (a file) is recreated per attempt.
 * Returns the last response (possibly a non-2xx one); throws {@link NetworkError} when the last
 * attempt failed without a response.
 *
 * @example
 * ```ts
 * const res = await fetchWithRetry(url, () => ({ method: "POST", body: json }), { retries: 3, timeoutMs: 30_000 });
 * ```
 */
export async function fetchWithRetry(url: string, init: () => RequestInit, opts: RetryOptions): Promise<Response> {
  const baseMs = opts.baseDelayMs ?? 500;
  const maxMs = opts.maxDelayMs ?? 30_000;
  for (let attempt = 0; ; attempt++) {
    const req = init();
    const headers = new Headers(req.headers);
    headers.set("User-Agent", USER_AGENT);
    let reason: string;
    let retryAfter: string | null = null;
    try {
      const res = await fetch(url, { ...req, headers, signal: AbortSignal.timeout(opts.timeoutMs) });
      if (!isRetryableStatus(res.status) || attempt >= opts.retries) return res;
      reason = `HTTP ${res.status}`;
      retryAfter = res.headers.get("retry-after");
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      if (attempt >= opts.retries) {
        throw new NetworkError(`${describe(err)} after ${attempt + 1} attempt${attempt ? "s" : ""}`, { cause: err });
      }
      reason = describe(err);
    }
    const delay = backoffDelay(attempt + 1, baseMs, maxMs, retryAfter);
    opts.onRetry?.(attempt + 1, reason, delay);
    await Bun.sleep(delay);
  }
}
