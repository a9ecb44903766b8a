/**
 * The management commands (`pacer serve token create`, `project create`, `project list`): they
 * open the same database as the server (same storage flags), run the migrations, and act directly.
 * A token is printed once, as the last line of stdout, and only its hash is stored.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { hashToken, newToken } from "./auth/tokens.ts";
import type { ServerConfig } from "./config.ts";
import { openStorage } from "./storage/open.ts";
import type { Storage } from "./storage/types.ts";

async function withStorage<T>(config: ServerConfig, fn: (s: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(config.database);
  try {
    await storage.migrate();
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

export function parseProjectName(text: string | undefined, flag: string): { owner: string; repo: string } {
  const m = /^([\w.-]{1,100})\/([\w.-]{1,100})$/.exec(text ?? "");
  if (!m) throw new PacerError("E_USAGE", `Invalid ${flag} "${text ?? ""}": expected OWNER/REPO`, { hint: "For example `--project acme/app`" });
  return { owner: m[1]!, repo: m[2]! };
}

export async function createProjectCommand(config: ServerConfig, name: { owner: string; repo: string }, o: { public: boolean; allowTokenless: boolean; defaultBranch: string }) {
  return withStorage(config, async (s) => {
    const existing = await s.getProject(name.owner, name.repo);
    if (existing) return { project: existing, created: false };
    return { project: await s.createProject({ ...name, defaultBranch: o.defaultBranch, public: o.public, allowTokenless: o.allowTokenless }), created: true };
  });
}

/** Creates an upload token of `project` (created first if missing: `token create` is the one step to set up CI), or an admin token. */
export async function createTokenCommand(config: ServerConfig, target: { project: { owner: string; repo: string } } | { admin: true }, label: string | null) {
  return withStorage(config, async (s) => {
    const token = newToken();
    if ("admin" in target) {
      await s.addToken({ projectId: null, kind: "admin", hash: hashToken(token), label });
      return { token, project: undefined };
    }
    const project = (await s.getProject(target.project.owner, target.project.repo)) ?? (await s.createProject({ ...target.project, defaultBranch: config.defaultBranch, public: false, allowTokenless: false }));
    await s.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label });
    return { token, project };
  });
}

export async function listProjectsCommand(config: ServerConfig) {
  return withStorage(config, (s) => s.listProjects());
}
