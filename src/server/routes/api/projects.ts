/** `GET /api/v1/projects` (the ones this request may read) and `POST` (admin: create one). @module */
import * as v from "valibot";
import { authorizeAdmin, readableProjectIds } from "../../auth/access.ts";
import type { Handler } from "../../context.ts";
import { HttpError, json } from "../../http/errors.ts";
import type { Project } from "../../model.ts";

export const renderProject = (p: Project) => ({ owner: p.owner, repo: p.repo, defaultBranch: p.defaultBranch, public: p.public, allowTokenless: p.allowTokenless });

export const listProjects: Handler = async (req, ctx) => {
  const may = await readableProjectIds(ctx.access, req.headers.get("authorization"));
  const projects = (await ctx.storage.listProjects()).filter((p) => may.all || p.public || may.ids.has(p.id));
  return json({ projects: projects.map(renderProject) });
};

const Name = v.pipe(v.string(), v.regex(/^[\w.-]{1,100}$/, "Expected letters, digits, '.', '_' or '-'"));
const CreateSchema = v.object({
  owner: Name,
  repo: Name,
  defaultBranch: v.optional(v.pipe(v.string(), v.minLength(1)), "main"),
  public: v.optional(v.boolean(), false),
  allowTokenless: v.optional(v.boolean(), false),
});

export const createProject: Handler = async (req, ctx) => {
  await authorizeAdmin(ctx.access, req.headers.get("authorization"));
  const p = v.safeParse(CreateSchema, await req.json().catch(() => undefined));
  if (!p.success) throw new HttpError(400, `Invalid project: "${v.getDotPath(p.issues[0]) ?? "body"}": ${p.issues[0].message}`);
  const project = await ctx.storage.createProject(p.output);
  return json(renderProject(project), 201);
};
