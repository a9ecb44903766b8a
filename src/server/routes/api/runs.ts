/** `GET /api/v1/projects/{owner}/{repo}/runs` (filters: branch, commit, mode, limit) and `…/runs/{id}`. @module */
import * as v from "valibot";
import type { Handler } from "../../context.ts";
import { HttpError, json } from "../../http/errors.ts";
import type { Run } from "../../model.ts";
import { toRunRecord } from "../../services/run-record.ts";
import { queryOf, readableProject } from "./project-access.ts";

const FilterSchema = v.object({
  branch: v.optional(v.string()),
  commit: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{4,40}$/, "Expected a commit sha or a prefix of 4 or more"))),
  mode: v.optional(v.string()),
  status: v.optional(v.picklist(["PENDING", "PROCESSING", "COMPLETED", "FAILURE"])),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer("Expected a whole number"), v.minValue(1), v.maxValue(500)), "50"),
});

export const renderRun = (r: Run) => ({
  id: r.id, branch: r.branch, baseBranch: r.baseBranch, commit: r.commit, mode: r.mode, event: r.event,
  status: r.status, error: r.error, parts: r.parts, machineKey: r.machineKey, ciRunId: r.ciRunId, createdAt: new Date(r.createdAt).toISOString(),
});

export function parseQuery<S extends v.GenericSchema>(schema: S, req: Request): v.InferOutput<S> {
  const p = v.safeParse(schema, queryOf(req));
  if (!p.success) throw new HttpError(400, `Invalid query parameter "${v.getDotPath(p.issues[0]) ?? "?"}": ${p.issues[0].message}`);
  return p.output;
}

export const listRuns: Handler = async (req, ctx) => {
  const project = await readableProject(ctx, req);
  const f = parseQuery(FilterSchema, req);
  const runs = await ctx.storage.listRuns(project.id, { ...f, limit: Number(f.limit) });
  return json({ runs: runs.map(renderRun) });
};

export const getRun: Handler = async (req, ctx) => {
  const project = await readableProject(ctx, req);
  const run = await ctx.storage.getRun(project.id, req.params.id!);
  if (!run) throw new HttpError(404, `No run "${req.params.id}" in "${project.owner}/${project.repo}"`);
  // `record` has the shape of pacer's local run records, so the CLI can compare it with local runs.
  return json({ ...renderRun(run), record: toRunRecord(run, await ctx.storage.runResults(run.id)) });
};
