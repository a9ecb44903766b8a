/** The project a `/api/v1/projects/{owner}/{repo}/…` path names, if the request may read it. @module */
import { authorizeRead } from "../../auth/access.ts";
import type { AppContext } from "../../context.ts";
import { HttpError } from "../../http/errors.ts";
import type { Project } from "../../model.ts";

export async function readableProject(ctx: AppContext, req: Request & { params: Record<string, string> }): Promise<Project> {
  const { owner, repo } = req.params as { owner: string; repo: string };
  const project = await ctx.storage.getProject(owner, repo);
  if (!project) throw new HttpError(404, `No project "${owner}/${repo}"`);
  await authorizeRead(ctx.access, req.headers.get("authorization"), project);
  return project;
}

/** Query parameters as a plain object, for valibot. */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
