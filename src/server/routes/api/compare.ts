/** `GET /api/v1/projects/{owner}/{repo}/runs/{id}/compare[?base=<run id>]`. @module */
import * as v from "valibot";
import type { Handler } from "../../context.ts";
import { HttpError, json } from "../../http/errors.ts";
import { compareRun, impactOf } from "../../services/compare.ts";
import { readableProject } from "./project-access.ts";
import { parseQuery, renderRun } from "./runs.ts";

const QuerySchema = v.object({ base: v.optional(v.pipe(v.string(), v.minLength(1))) });

export const getCompare: Handler = async (req, ctx) => {
  const project = await readableProject(ctx, req);
  const q = parseQuery(QuerySchema, req);
  const head = await ctx.storage.getRun(project.id, req.params.id!);
  if (!head) throw new HttpError(404, `No run "${req.params.id}" in "${project.owner}/${project.repo}"`);
  if (head.status !== "COMPLETED") throw new HttpError(409, `Run "${head.id}" is ${head.status.toLowerCase()}: there are no results to compare yet`);
  const c = await compareRun(ctx.storage, project, head, q.base);
  return json({
    head: renderRun(head),
    base: { run: c.base.run ? renderRun(c.base.run) : null, branch: c.base.branch, strategy: c.base.strategy, reason: c.base.reason },
    thresholds: { source: c.thresholds.source, default: c.thresholds.value.default },
    verdict: c.verdict,
    impact: impactOf(c),
    failures: c.failures,
    warnings: c.warnings,
    rows: c.comparison?.rows ?? [],
    regressions: c.comparison?.regressions ?? [],
    missing: c.comparison?.missing ?? [],
  });
};
