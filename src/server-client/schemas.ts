/**
 * The shapes of the results server's `/api/v1` replies that the CLI reads (see src/server/model.ts for
 * the server's side). Loose objects: a newer server may add fields.
 *
 * @module
 */
import * as v from "valibot";

const Metrics = v.record(v.string(), v.union([v.number(), v.string(), v.null()]));

export const MeasurementSchema = v.looseObject({
  instrument: v.string(),
  title: v.optional(v.string()),
  columns: v.optional(v.array(v.looseObject({ key: v.string(), label: v.optional(v.string()) }))),
  benchmarks: v.array(v.looseObject({ name: v.string(), uri: v.string(), metrics: Metrics, detail: v.optional(v.record(v.string(), v.unknown())) })),
  notes: v.optional(v.array(v.string())),
});

const Machine = v.optional(v.nullable(v.record(v.string(), v.unknown())));

export const RunSchema = v.looseObject({
  id: v.string(),
  branch: v.nullable(v.string()),
  baseBranch: v.optional(v.nullable(v.string())),
  commit: v.nullable(v.string()),
  mode: v.string(),
  status: v.string(),
  event: v.optional(v.nullable(v.string())),
  createdAt: v.union([v.number(), v.string()]),
  machine: Machine,
  error: v.optional(v.nullable(v.string())),
});
export type ServerRun = v.InferOutput<typeof RunSchema>;

export const RunListSchema = v.object({ runs: v.array(RunSchema) });

/**
 * One run (`GET …/runs/{id}`): the run's fields and `record`, the run in the shape of pacer's local
 * run records (measurements merged over the run's parts).
 */
export const RunDetailSchema = v.looseObject({
  ...RunSchema.entries,
  record: v.looseObject({
    id: v.string(),
    startedAt: v.string(),
    status: v.string(),
    mode: v.string(),
    git: v.looseObject({ commit: v.nullable(v.string()), branch: v.nullable(v.string()) }),
    machine: Machine,
    measurements: v.array(MeasurementSchema),
  }),
});
export type RunDetail = v.InferOutput<typeof RunDetailSchema>;

/** The server's choice of base for a run and why, as `GET …/runs/{id}/compare` says. */
export const CompareSchema = v.looseObject({
  base: v.looseObject({ run: v.nullable(v.looseObject({ id: v.string() })), reason: v.optional(v.string()) }),
});
