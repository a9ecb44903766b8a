/**
 * The dashboard's routes. The pages' modules load on the first page request, so the API and the
 * upload path (and `pacer --version`) never import them.
 *
 * @module
 */
import type { Handler } from "../context.ts";

type Pages = typeof import("../dashboard/handlers.ts");
let pages: Promise<Pages> | undefined;

function lazy(name: Exclude<keyof Pages, "default">): Handler {
  return async (req, ctx) => {
    pages ??= import("../dashboard/handlers.ts");
    return ((await pages)[name] as Handler)(req, ctx);
  };
}

/** Paths: two or more segments, so `/upload`, `/graphql` and `/api/…` (static, and matched first) are never shadowed. */
export const DASHBOARD_ROUTES: Record<string, { GET: Handler }> = {
  "/": { GET: lazy("getRoot") },
  "/:owner/:repo": { GET: lazy("getProjectPage") },
  "/:owner/:repo/runs/:id": { GET: lazy("getRunPage") },
  "/:owner/:repo/benchmarks/:uri": { GET: lazy("getBenchmarkPage") },
  "/:owner/:repo/compare": { GET: lazy("getComparePage") },
};
