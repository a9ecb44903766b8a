/** Parses git remote URLs (ssh or https) into domain/owner/repository. */

export interface RemoteRepo {
  domain: string;
  owner: string;
  repository: string;
}

// Same shape as the CodSpeed runner's remote regex: `host.tld[:/]owner/repo[.git][/]`.
const REMOTE = /(?<domain>[^/@.]+\.\w+)[:/](?<owner>[^/]+)\/(?<repository>[^/]+?)(?:\.git)?\/?$/;

/**
 * @example
 * ```ts
 * parseRemote("git@github.com:CodSpeedHQ/runner.git"); // { domain: "github.com", owner: "CodSpeedHQ", repository: "runner" }
 * ```
 */
export function parseRemote(url: string): RemoteRepo | undefined {
  const m = REMOTE.exec(url.trim());
  if (!m?.groups) return undefined;
  return { domain: m.groups.domain!, owner: m.groups.owner!, repository: m.groups.repository! };
}
