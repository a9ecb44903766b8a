/** The route table: path → method → handler, one file per resource. @module */
import type { Handler } from "../context.ts";
import { getHistory } from "./api/benchmarks.ts";
import { getCompare } from "./api/compare.ts";
import { getHealth } from "./api/health.ts";
import { createProject, listProjects } from "./api/projects.ts";
import { getRun, listRuns } from "./api/runs.ts";
import { DASHBOARD_ROUTES } from "./dashboard.ts";
import { postGraphql } from "./graphql.ts";
import { postUpload, putArchive } from "./upload.ts";

export type Method = "GET" | "POST" | "PUT";

export const ROUTES: Record<string, Partial<Record<Method, Handler>>> = {
  "/upload": { POST: postUpload },
  "/upload/:part/:secret": { PUT: putArchive },
  "/graphql": { POST: postGraphql },
  "/api/v1/health": { GET: getHealth },
  "/api/v1/projects": { GET: listProjects, POST: createProject },
  "/api/v1/projects/:owner/:repo/runs": { GET: listRuns },
  "/api/v1/projects/:owner/:repo/runs/:id": { GET: getRun },
  "/api/v1/projects/:owner/:repo/runs/:id/compare": { GET: getCompare },
  "/api/v1/projects/:owner/:repo/benchmarks/:uri/history": { GET: getHistory },
  ...DASHBOARD_ROUTES,
};
