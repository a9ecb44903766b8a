/**
 * Reads the results server's JSON API (`/api/v1/…`) with the uploader's HTTP client: retries on 5xx
 * (a server whose database is down answers 503), no redirects, capped replies, and every reply checked
 * against its valibot schema. Errors name the URL, never the token.
 *
 * @module
 */
import type * as v from "valibot";
import { PacerError } from "../errors.ts";
import { fetchWithRetry, NetworkError, retryTuning } from "../upload/client.ts";
import { failureReason, parseReply } from "../upload/reply.ts";
import type { ServerSettings } from "./settings.ts";

const REPLY_LIMIT = 64 * 2 ** 20;

/** `GET {url}/api/v1/projects/{owner}/{repo}{path}`, parsed with `schema`; `what` names it in errors. */
export async function getProjectJson<S extends v.GenericSchema>(s: ServerSettings, path: string, schema: S, what: string): Promise<v.InferOutput<S>> {
  const url = `${s.url}/api/v1/projects/${encodeURIComponent(s.owner)}/${encodeURIComponent(s.repo)}${path}`;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (s.token) headers.Authorization = `Bearer ${s.token}`;
  let reply;
  try {
    reply = await fetchWithRetry(url, () => ({ method: "GET", headers }), { retries: 4, stallMs: 30_000, replyLimit: REPLY_LIMIT, ...retryTuning(process.env) });
  } catch (err) {
    if (err instanceof NetworkError) throw new PacerError("E_IO", `Cannot reach the results server "${s.url}": ${err.message}`, { hint: "Check --server / PACER_SERVER_URL and that `pacer serve` is running" });
    throw err;
  }
  if (reply.status === 401 || reply.status === 403) {
    throw new PacerError("E_AUTH", `The results server refused the ${what} for project "${s.owner}/${s.repo}" (HTTP ${reply.status}): ${failureReason(reply)}`, {
      hint: s.token ? "Check that the token belongs to this project (PACER_SERVER_TOKEN or --token)" : "This project's results are not public: set PACER_SERVER_TOKEN or pass --token",
    });
  }
  if (reply.status === 404) {
    throw new PacerError("E_RESULTS", `The results server has no ${what} at "${url}": ${failureReason(reply)}`, {
      hint: `Check the project name ("${s.owner}/${s.repo}"; --project) and that runs were uploaded to this server`,
    });
  }
  if (!reply.ok) throw new PacerError("E_IO", `The results server failed the ${what} at "${url}" (HTTP ${reply.status}): ${failureReason(reply)}`);
  return parseReply(reply, schema, what, url, { hint: "Check that --server points to a `pacer serve` results server" });
}
