/**
 * The CodSpeed GraphQL API (§5.8 of the reference): one POST per operation, 20 s timeout, no
 * retry, the raw token in `Authorization`, errors keyed on `extensions.code`. Every reply is
 * capped and its `data` checked against the operation's schema.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { fetchWithRetry, jsonPost, NetworkError } from "./client.ts";
import { checkShape, failureReason, parseReply } from "./reply.ts";

export const DEFAULT_API_URL = "https://gql.codspeed.io/";

/** The API URL: `--api-url`, else `CODSPEED_API_URL`, else CodSpeed's. */
export function apiUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag || env.CODSPEED_API_URL || DEFAULT_API_URL;
}

export class GraphqlError extends PacerError {
  readonly codes: string[];
  constructor(message: string, codes: string[], hint?: string) {
    super(codes.includes("UNAUTHENTICATED") ? "E_AUTH" : "E_UPLOAD", message, { hint });
    this.codes = codes;
  }
}

const EnvelopeSchema = v.object({
  data: v.optional(v.unknown()),
  errors: v.optional(
    v.nullable(v.array(v.object({ message: v.optional(v.unknown()), extensions: v.optional(v.nullable(v.object({ code: v.optional(v.unknown()) }))) }))),
  ),
});

/** The operation's name, for messages: `CreateLoginSession`. */
function operationName(query: string): string {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "GraphQL operation";
}

/**
 * @example
 * ```ts
 * const data = await graphql(apiUrl, "mutation CreateLoginSession { createLoginSession { callbackUrl sessionId } }",
 *   v.object({ createLoginSession: v.object({ callbackUrl: v.string(), sessionId: v.string() }) }));
 * ```
 */
export async function graphql<S extends v.GenericSchema>(
  apiUrl: string,
  query: string,
  schema: S,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<v.InferOutput<S>> {
  const op = operationName(query);
  let reply;
  try {
    reply = await fetchWithRetry(
      apiUrl,
      () => jsonPost(JSON.stringify({ query, variables }), token),
      { retries: 0, timeoutMs: 20_000 },
    );
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    throw new PacerError("E_UPLOAD", `Cannot reach the CodSpeed API "${apiUrl}": ${err.message}`, {
      hint: "Check the network and --api-url / CODSPEED_API_URL",
      cause: err,
    });
  }
  if (reply.status >= 300 && reply.status < 400) {
    throw new PacerError("E_UPLOAD", `The CodSpeed API "${apiUrl}" answered ${reply.status}: ${failureReason(reply)}`, {
      hint: "Pass the final API endpoint to --api-url",
    });
  }
  const body = parseReply(reply, EnvelopeSchema, op, apiUrl);
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === "string" && !!c);
    if (codes.includes("UNAUTHENTICATED")) {
      throw new GraphqlError("Your session has expired", codes, "Log in again with `pacer auth login`");
    }
    throw new GraphqlError(`The CodSpeed API returned an error: ${body.errors.map((e) => String(e.message ?? "")).join("; ")}`, codes);
  }
  if (!reply.ok || body.data == null) {
    throw new PacerError("E_UPLOAD", `The CodSpeed API "${apiUrl}" answered ${reply.status} without data to ${op}`);
  }
  return checkShape(body.data, schema, op, apiUrl);
}
