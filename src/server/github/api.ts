/**
 * GitHub's REST API as the feedback needs it: one request with the installation's (or the token's)
 * authorization, JSON in and out. A failure carries GitHub's status and message, never a header.
 *
 * @module
 */

export interface GitHubConfig {
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise. */
  apiUrl: string;
  /** A token with checks:write and pull-requests:write. */
  token?: string;
  /** A GitHub App: its id and private key (PEM). */
  app?: { id: string; privateKey: string };
}

export class GitHubError extends Error {
  constructor(readonly status: number, readonly method: string, readonly path: string, readonly detail: string) {
    super(`GitHub answered ${status} to ${method} ${path}${detail ? `: ${detail}` : ""}`);
    this.name = "GitHubError";
  }

  /** 5xx, 429 and rate limits may pass later; anything else will not. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || (this.status === 403 && /rate limit/i.test(this.detail));
  }
}

/** Sends one request; `authorization` is the whole header value (`Bearer …`). */
export async function githubRequest<T>(apiUrl: string, authorization: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization,
      "user-agent": "pacer-serve",
      "x-github-api-version": "2022-11-28",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      detail = String((JSON.parse(text) as { message?: unknown }).message ?? detail);
    } catch {
      // Not JSON (a proxy's page): its first characters say enough.
    }
    throw new GitHubError(res.status, method, path.replace(/\?.*$/, ""), detail.replace(/\s+/g, " ").trim());
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
