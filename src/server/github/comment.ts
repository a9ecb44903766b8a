/**
 * The one pull-request comment per mode, edited in place on each push: found by its stored id, else
 * by its hidden marker among the pull request's comments (a lost row, a crash after creating it),
 * else created. A stored comment someone deleted (404) is created again, once.
 *
 * @module
 */
import type { Storage } from "../storage/types.ts";
import { GitHubError, githubRequest } from "./api.ts";

export interface CommentTarget {
  apiUrl: string;
  authorization: string;
  owner: string;
  repo: string;
  pr: number;
  projectId: string;
  mode: string;
}

export const marker = (mode: string) => `<!-- pacer:${mode} -->`;

async function findByMarker(t: CommentTarget, base: string): Promise<string | undefined> {
  // GitHub lists oldest first, 100 a page; pacer's comment is usually among the first ones.
  for (let page = 1; page <= 10; page++) {
    const list = await githubRequest<Array<{ id: number; body?: string }>>(t.apiUrl, t.authorization, "GET", `${base}/issues/${t.pr}/comments?per_page=100&page=${page}`);
    const hit = list.find((c) => c.body?.startsWith(marker(t.mode)));
    if (hit) return String(hit.id);
    if (list.length < 100) return undefined;
  }
  return undefined;
}

/** Returns the comment id and whether it was created (false: edited). */
export async function upsertComment(storage: Storage, t: CommentTarget, markdown: string): Promise<{ id: string; created: boolean }> {
  const base = `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}`;
  const body = `${marker(t.mode)}\n${markdown}`;
  const known = (await storage.prComment(t.projectId, t.pr, t.mode)) ?? (await findByMarker(t, base));
  if (known) {
    try {
      await githubRequest(t.apiUrl, t.authorization, "PATCH", `${base}/issues/comments/${known}`, { body });
      await storage.setPrComment(t.projectId, t.pr, t.mode, known);
      return { id: known, created: false };
    } catch (err) {
      if (!(err instanceof GitHubError && err.status === 404)) throw err;
      await storage.setPrComment(t.projectId, t.pr, t.mode, null);
    }
  }
  const made = await githubRequest<{ id: number }>(t.apiUrl, t.authorization, "POST", `${base}/issues/${t.pr}/comments`, { body });
  await storage.setPrComment(t.projectId, t.pr, t.mode, String(made.id));
  return { id: String(made.id), created: true };
}
