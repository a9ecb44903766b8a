/**
 * GitHub Actions OIDC: a short-lived JWT for the audience `codspeed.io`, fetched right before the
 * upload (§5.7 of the reference). Needs the `id-token: write` workflow permission.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { registerSecret } from "../log/mask.ts";
import { fetchWithRetry, NetworkError, type RetryOptions } from "./client.ts";
import { failureReason, parseReply } from "./reply.ts";

const OidcReplySchema = v.object({ value: v.pipe(v.string(), v.minLength(1)) });

export const OIDC_AUDIENCE = "codspeed.io";

/** Whether the runner exposes the OIDC request endpoint (it does not to fork pull requests). */
export function hasOidc(env: NodeJS.ProcessEnv): boolean {
  return !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN && !!env.ACTIONS_ID_TOKEN_REQUEST_URL;
}

/**
 * @example
 * ```ts
 * if (hasOidc(process.env)) token = await fetchGithubOidcToken(process.env, { retries: 10, timeoutMs: 10_000 });
 * ```
 */
export async function fetchGithubOidcToken(
  env: NodeJS.ProcessEnv,
  retry: RetryOptions,
  audience = env.PACER_OIDC_AUDIENCE || OIDC_AUDIENCE,
): Promise<string> {
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "";
  registerSecret(requestToken);
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "");
  url.searchParams.set("audience", audience);
  let reply;
  try {
    reply = await fetchWithRetry(
      url.toString(),
      () => ({ headers: { Accept: "application/json", Authorization: `Bearer ${requestToken}` } }),
      retry,
    );
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    throw new PacerError("E_AUTH", `Failed to retrieve OIDC token for authentication: ${err.message}`, { cause: err });
  }
  if (!reply.ok) {
    throw new PacerError("E_AUTH", `Failed to retrieve OIDC token for authentication: ${reply.status}: ${failureReason(reply)}`);
  }
  // The endpoint is the runner's, not the upload server's: its URL carries no secret, the query does not either.
  const { value } = parseReply(reply, OidcReplySchema, "OIDC token request", `${url.origin}${url.pathname}`, {
    code: "E_AUTH",
    hint: "Check the workflow's `id-token: write` permission",
  });
  registerSecret(value);
  return value;
}
