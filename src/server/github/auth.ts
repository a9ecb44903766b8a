/**
 * The authorization header for a repository: the configured token, or a GitHub App's installation
 * token (an RS256 JWT as the app → the repository's installation → an access token), cached until
 * a minute before it expires.
 *
 * @module
 */
import { createSign } from "node:crypto";
import { githubRequest, type GitHubConfig } from "./api.ts";

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

/** The app's JWT: issued a minute in the past (clock drift), valid 9 minutes (GitHub allows 10). */
export function appJwt(appId: string, privateKey: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000) - 60;
  const head = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${b64url(JSON.stringify({ iat, exp: iat + 600 - 60, iss: appId }))}`;
  return `${head}.${createSign("RSA-SHA256").update(head).sign(privateKey).toString("base64url")}`;
}

export type Authorize = (owner: string, repo: string) => Promise<string>;

export function githubAuth(cfg: GitHubConfig): Authorize {
  if (cfg.token) {
    const header = `Bearer ${cfg.token}`;
    return async () => header;
  }
  const app = cfg.app!;
  const installations = new Map<string, number>();
  const tokens = new Map<number, { header: string; until: number }>();
  return async (owner, repo) => {
    const key = `${owner}/${repo}`.toLowerCase();
    let id = installations.get(key);
    if (id === undefined) {
      const jwt = `Bearer ${appJwt(app.id, app.privateKey)}`;
      id = (await githubRequest<{ id: number }>(cfg.apiUrl, jwt, "GET", `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/installation`)).id;
      installations.set(key, id);
    }
    const cached = tokens.get(id);
    if (cached && cached.until > Date.now()) return cached.header;
    const jwt = `Bearer ${appJwt(app.id, app.privateKey)}`;
    const t = await githubRequest<{ token: string; expires_at: string }>(cfg.apiUrl, jwt, "POST", `/app/installations/${id}/access_tokens`);
    const header = `Bearer ${t.token}`;
    tokens.set(id, { header, until: Date.parse(t.expires_at) - 60_000 });
    return header;
  };
}
