/**
 * The CodSpeed GraphQL API (§5.8 of the reference): one POST per operation, 20 s timeout, the raw
 * token in `Authorization`, errors keyed on `extensions.code`.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { USER_AGENT } from "./client.ts";

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

interface GraphqlResponse<T> {
  data?: T;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/**
 * @example
 * ```ts
 * const data = await graphql<{ createLoginSession: { callbackUrl: string; sessionId: string } }>(
 *   apiUrl, "mutation CreateLoginSession { createLoginSession { callbackUrl sessionId } }");
 * ```
 */
export async function graphql<T>(apiUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, ...(token ? { Authorization: token } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new PacerError("E_UPLOAD", `Cannot reach the CodSpeed API "${apiUrl}": ${(err as Error).message}`, {
      hint: "Check the network and --api-url / CODSPEED_API_URL",
      cause: err,
    });
  }
  const body = (await res.json().catch(() => ({}))) as GraphqlResponse<T>;
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code ?? "").filter(Boolean);
    if (codes.includes("UNAUTHENTICATED")) {
      throw new GraphqlError("Your session has expired", codes, "Log in again with `pacer auth login`");
    }
    throw new GraphqlError(`The CodSpeed API returned an error: ${body.errors.map((e) => e.message).join("; ")}`, codes);
  }
  if (!res.ok || !body.data) {
    throw new PacerError("E_UPLOAD", `The CodSpeed API "${apiUrl}" answered ${res.status} without data`);
  }
  return body.data;
}
