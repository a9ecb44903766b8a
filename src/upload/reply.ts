/**
 * Reading server replies: every JSON reply is checked against a valibot schema, so `null`, a
 * missing field or a wrong type is an error naming the endpoint and what was wrong, never a
 * `TypeError` later; a non-2xx reply's reason is extracted (3xx: the `Location` it pointed to).
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import type { HttpReply } from "./client.ts";

function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]!;
  const path = v.getDotPath(first);
  const where = path ? `"${path}"` : "the reply";
  if (first.received === "undefined") return `${where} is missing`;
  return `${where}: expected ${first.expected ?? "a valid value"}, got ${first.received}`;
}

/**
 * Parses `reply.body` as JSON matching `schema`; throws `PacerError(code)` naming `endpoint`.
 *
 * @example
 * ```ts
 * const slot = parseReply(reply, v.object({ uploadUrl: v.string(), runId: v.string() }), "upload request", url);
 * ```
 */
export function parseReply<S extends v.GenericSchema>(
  reply: Pick<HttpReply, "body" | "status">,
  schema: S,
  what: string,
  url: string,
  opts: { code?: "E_UPLOAD" | "E_AUTH"; hint?: string } = {},
): v.InferOutput<S> {
  const fail = (detail: string) =>
    new PacerError(opts.code ?? "E_UPLOAD", `Unexpected reply to the ${what} from "${url}": ${detail}`, {
      hint: opts.hint ?? "Check that the URL points to a CodSpeed-compatible API",
    });
  let json: unknown;
  try {
    json = JSON.parse(reply.body.toString("utf8"));
  } catch {
    throw fail(`not JSON (HTTP ${reply.status}, ${reply.body.length} bytes)`);
  }
  return checkShape(json, schema, what, url, opts);
}

/** Checks an already parsed value (e.g. a GraphQL `data`) against `schema`, with the same messages. */
export function checkShape<S extends v.GenericSchema>(
  json: unknown,
  schema: S,
  what: string,
  url: string,
  opts: { code?: "E_UPLOAD" | "E_AUTH"; hint?: string } = {},
): v.InferOutput<S> {
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    throw new PacerError(opts.code ?? "E_UPLOAD", `Unexpected reply to the ${what} from "${url}": ${issueText(parsed.issues)}`, {
      hint: opts.hint ?? "Check that the URL points to a CodSpeed-compatible API",
    });
  }
  return parsed.output;
}

/** The server's reason for a non-2xx reply: `{"error": "..."}`, else the text, else the status. */
export function failureReason(reply: Pick<HttpReply, "body" | "status" | "headers">): string {
  if (reply.status >= 300 && reply.status < 400) {
    const location = reply.headers.get("location");
    return `redirected to ${location ? `"${location}"` : "no Location"} (pacer does not follow redirects)`;
  }
  const text = reply.body.toString("utf8");
  try {
    const body = JSON.parse(text) as { error?: unknown } | null;
    if (typeof body?.error === "string") return body.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 500) || "no reason given";
}
