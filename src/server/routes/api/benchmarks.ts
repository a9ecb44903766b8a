/** `GET /api/v1/projects/{owner}/{repo}/benchmarks/{uri}/history` (uri URL-encoded; filters: branch, mode). @module */
import * as v from "valibot";
import type { Handler } from "../../context.ts";
import { json } from "../../http/errors.ts";
import { headlineOf, headlineValue } from "../../../results/headline.ts";
import { readableProject } from "./project-access.ts";
import { parseQuery } from "./runs.ts";

const QuerySchema = v.object({ branch: v.optional(v.string()), mode: v.optional(v.string()) });

export const getHistory: Handler = async (req, ctx) => {
  const project = await readableProject(ctx, req);
  const uri = req.params.uri!;
  const q = parseQuery(QuerySchema, req);
  const rows = await ctx.storage.benchmarkHistory(project.id, uri, { ...q, status: "COMPLETED" });
  const points = rows.flatMap(({ run, results }) =>
    results.flatMap((p) =>
      p.measurements.flatMap((m) =>
        m.benchmarks
          .filter((b) => b.uri === uri)
          .map((b) => {
            const h = headlineOf(m);
            const value = headlineValue(h, b);
            return {
              runId: run.id, commit: run.commit, branch: run.branch, mode: run.mode, instrument: m.instrument, createdAt: new Date(run.createdAt).toISOString(),
              headline: h && value !== null ? { metric: h.metric, value, unit: h.column.unit } : null,
              metrics: b.metrics,
            };
          }),
      ),
    ),
  );
  return json({ uri, points });
};
