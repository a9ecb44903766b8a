/**
 * Who may do what: uploads need the project's token, a GitHub OIDC token naming the repository,
 * or (public fork pull requests, when both the server and the project allow it) nothing; reads
 * of a private project need one of its tokens; management needs an admin token.
 * Refusals never echo the token.
 *
 * @module
 */
import type { OidcConfig } from "../config.ts";
import { HttpError } from "../http/http-error.ts";
import type { Project } from "../model.ts";
import type { Storage } from "../storage/types.ts";
import { InvalidToken, verifyJwt, type Jwk } from "./jwt.ts";
import { hashToken, looksLikeJwt, tokenFromHeader } from "./tokens.ts";

export class AccessDenied extends Error {
  constructor(readonly status: 401 | 403 | 404, message: string) {
    super(message);
    this.name = "AccessDenied";
  }
}

export interface AccessDeps {
  storage: Storage;
  oidc?: OidcConfig;
  keys?: (kid: string | undefined) => Promise<Jwk | undefined>;
  allowTokenless: boolean;
}

export type Grant = { via: "token" | "oidc" | "tokenless" | "admin" | "public"; projectId: string | null };

/** The grant a credential gives, or undefined without one. Throws on a credential that is wrong. */
async function credential(deps: AccessDeps, header: string | null): Promise<Grant | undefined> {
  const token = tokenFromHeader(header);
  if (!token) return undefined;
  if (looksLikeJwt(token)) {
    if (!deps.oidc || !deps.keys) throw new AccessDenied(401, "OIDC tokens are not accepted by this server");
    try {
      const claims = await verifyJwt(token, deps.keys, { issuer: deps.oidc.issuer, audience: deps.oidc.audience });
      const [owner, repo] = (claims.repository ?? "").split("/");
      const project = owner && repo ? await deps.storage.getProject(owner, repo) : undefined;
      if (!project) throw new AccessDenied(403, `The OIDC token's repository "${claims.repository ?? ""}" has no project on this server`);
      return { via: "oidc", projectId: project.id };
    } catch (err) {
      if (err instanceof InvalidToken) throw new AccessDenied(401, `Invalid OIDC token: ${err.message}`);
      if (err instanceof AccessDenied) throw err;
      // The issuer's key set could not be fetched: the client may retry (5xx), the token may be fine.
      throw new HttpError(503, `Cannot verify the OIDC token now: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const found = await deps.storage.findToken(hashToken(token));
  if (!found) throw new AccessDenied(401, "Unknown token");
  return found.kind === "admin" ? { via: "admin", projectId: null } : { via: "token", projectId: found.projectId };
}

/** May this request upload a run of `owner/repo`? */
export async function authorizeUpload(
  deps: AccessDeps,
  header: string | null,
  m: { owner: string; repository: string; tokenless: boolean; event: string },
): Promise<Project> {
  const project = await deps.storage.getProject(m.owner, m.repository);
  const grant = await credential(deps, header);
  if (!grant) {
    if (project && deps.allowTokenless && project.allowTokenless && project.public && m.tokenless && m.event === "pull_request") return project;
    throw new AccessDenied(401, "An upload token is required");
  }
  if (!project) throw new AccessDenied(404, `No project "${m.owner}/${m.repository}" on this server`);
  if (grant.via !== "admin" && grant.projectId !== project.id) {
    throw new AccessDenied(403, `The token is not valid for "${project.owner}/${project.repo}"`);
  }
  return project;
}

/** Reads: public projects for anyone, private ones for their tokens (and admins). */
export async function authorizeRead(deps: AccessDeps, header: string | null, project: Project): Promise<void> {
  const grant = await credential(deps, header);
  // A wrong token is refused even on a public project: the user should learn it is wrong.
  if (project.public) return;
  if (!grant) throw new AccessDenied(401, `Project "${project.owner}/${project.repo}" is private: a token is required`);
  if (grant.via !== "admin" && grant.projectId !== project.id) throw new AccessDenied(403, `The token is not valid for "${project.owner}/${project.repo}"`);
}

/** The projects a request may list. */
export async function readableProjectIds(deps: AccessDeps, header: string | null): Promise<{ all: boolean; ids: Set<string> }> {
  const grant = await credential(deps, header);
  return { all: grant?.via === "admin", ids: new Set(grant?.projectId ? [grant.projectId] : []) };
}

export async function authorizeAdmin(deps: AccessDeps, header: string | null): Promise<void> {
  const grant = await credential(deps, header);
  if (!grant) throw new AccessDenied(401, "An admin token is required");
  if (grant.via !== "admin") throw new AccessDenied(403, "This needs an admin token");
}
