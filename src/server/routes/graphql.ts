/**
 * `POST /graphql` (the runner's `--api-url`): the few operations the runner sends, recognised by
 * the field they ask for (this is not a general GraphQL server): the run report it polls, the
 * repository lookup of local runs and their `local-runs` fallback.
 *
 * @module
 */
import * as v from "valibot";
import { AccessDenied, authorizeRead } from "../auth/access.ts";
import { hashToken, looksLikeJwt, tokenFromHeader } from "../auth/tokens.ts";
import type { AppContext, Handler } from "../context.ts";
import { json } from "../http/errors.ts";
import { runReport } from "../services/report.ts";

const BodySchema = v.object({ query: v.string(), variables: v.optional(v.nullable(v.record(v.string(), v.unknown())), {}) });
const RepoVars = v.object({ owner: v.string(), name: v.string() });
const ReportVars = v.object({ owner: v.string(), name: v.string(), runId: v.string() });

const gqlError = (message: string, code: string) => json({ data: null, errors: [{ message, extensions: { code } }] });

async function repository(ctx: AppContext, auth: string | null, vars: unknown) {
  const p = v.safeParse(RepoVars, vars);
  if (!p.success) return gqlError("owner and name are required", "BAD_USER_INPUT");
  const project = await ctx.storage.getProject(p.output.owner, p.output.name);
  if (!project) return gqlError(`Repository "${p.output.owner}/${p.output.name}" not found`, "REPOSITORY_NOT_FOUND");
  await authorizeRead(ctx.access, auth, project);
  return project;
}

async function fetchReport(ctx: AppContext, auth: string | null, vars: unknown): Promise<Response> {
  const p = v.safeParse(ReportVars, vars);
  if (!p.success) return gqlError("owner, name and runId are required", "BAD_USER_INPUT");
  const project = await repository(ctx, auth, p.output);
  if (project instanceof Response) return project;
  const run = await ctx.storage.getRun(project.id, p.output.runId);
  if (!run) return json({ data: { repository: { settings: { allowedRegression: null }, run: null } } });
  return json({ data: { repository: await runReport(ctx.storage, project, run, ctx.baseUrl()) } });
}

/** Local runs whose remote has no project go to the project of the token they carry. */
async function localRunsProject(ctx: AppContext, auth: string | null): Promise<Response> {
  const token = tokenFromHeader(auth);
  const found = token && !looksLikeJwt(token) ? await ctx.storage.findToken(hashToken(token)) : undefined;
  const project = found?.projectId ? await ctx.storage.getProjectById(found.projectId) : undefined;
  if (!project) return gqlError("An upload token of a project is required for local runs", "UNAUTHENTICATED");
  return json({ data: { getOrCreateProjectRepository: { provider: "PROJECT", owner: project.owner, name: project.repo } } });
}

export const postGraphql: Handler = async (req, ctx) => {
  const p = v.safeParse(BodySchema, await req.json().catch(() => undefined));
  if (!p.success) return json({ errors: [{ message: "Expected a JSON body { query, variables }" }] }, 400);
  const { query, variables } = p.output;
  const auth = req.headers.get("authorization");
  try {
    if (/\brun\s*\(\s*id\s*:/.test(query)) return await fetchReport(ctx, auth, variables);
    if (/\bgetOrCreateProjectRepository\b/.test(query)) return await localRunsProject(ctx, auth);
    if (/\brepository\s*\(/.test(query)) {
      const project = await repository(ctx, auth, variables);
      return project instanceof Response ? project : json({ data: { repository: { id: project.id } } });
    }
    return gqlError("This operation is not supported by pacer serve", "NOT_SUPPORTED");
  } catch (err) {
    if (err instanceof AccessDenied) return gqlError(err.message, err.status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN");
    throw err;
  }
};
