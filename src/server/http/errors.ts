/**
 * Errors to HTTP replies, in one place: every failure is `{"error": "<reason>"}` (the form the
 * uploader prints as "Reason:"), a database that is down is 503 with `Retry-After` (the uploader
 * retries 5xx), and an unexpected error is logged here and answered without its details.
 *
 * @module
 */
import { AccessDenied } from "../auth/access.ts";
import { ChecksumMismatch, TooLarge } from "../blobs/types.ts";
import { DatabaseUnavailable, PartConflict } from "../storage/types.ts";
import { HttpError } from "./http-error.ts";
import type { ServerLog } from "./log.ts";

export { HttpError };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export function errorResponse(err: unknown, log: ServerLog, what: string): Response {
  if (err instanceof HttpError || err instanceof AccessDenied) return json({ error: err.message }, err.status);
  if (err instanceof ChecksumMismatch) return json({ error: err.message }, 400);
  if (err instanceof TooLarge) return json({ error: err.message }, 413);
  if (err instanceof PartConflict) return json({ error: err.message }, 409);
  if (err instanceof DatabaseUnavailable) {
    log.warn(`${what}: ${err.message}`);
    return json({ error: "The database is unavailable, try again shortly" }, 503, { "retry-after": "2" });
  }
  log.error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  return json({ error: "Internal server error" }, 500);
}
