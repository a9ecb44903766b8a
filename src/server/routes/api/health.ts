/** `GET /api/v1/health`: 200 when the database answers, 503 when it does not. @module */
import type { Handler } from "../../context.ts";
import { json } from "../../http/errors.ts";
import { VERSION } from "../../../version.ts";

export const getHealth: Handler = async (_req, ctx) => {
  await ctx.storage.ping();
  return json({ status: "ok", version: VERSION, database: ctx.storage.dialect, pendingJobs: await ctx.storage.queue.pending() });
};
