/**
 * The dashboard's request handlers: authorize (the API's access rules), load from storage,
 * render a page; a missing project, run or benchmark is a 404 page, a refused read a 401/403 page.
 *
 * @module
 */
import { authorizeRead, readableProjectIds } from "../auth/access.ts";
import type { AppContext, Handler } from "../context.ts";
import { HttpError } from "../http/errors.ts";
import type { Project } from "../model.ts";
import { credentialOf, tokenRedirect } from "./credential.ts";
import { benchmarkPage, comparePage, notFoundPage, projectPage, rootPage, runPage } from "./pages.ts";

function html(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // Pages carry everything inline; nothing may be fetched from elsewhere.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

type Req = Parameters<Handler>[0];

/** Wraps a page: the `?token=` exchange first, then errors as HTML pages. */
function pageHandler(render: (req: Req, ctx: AppContext) => Promise<string>): Handler {
  return async (req, ctx) => {
    const redirect = tokenRedirect(req);
    if (redirect) return redirect;
    try {
      return html(await render(req, ctx));
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (typeof status === "number" && status >= 400 && status < 500) return html(notFoundPage((err as Error).message), status);
      throw err;
    }
  };
}

async function project(req: Req, ctx: AppContext): Promise<Project> {
  const { owner, repo } = req.params as { owner: string; repo: string };
  const p = await ctx.storage.getProject(owner, repo);
  if (!p) throw new HttpError(404, `No project "${owner}/${repo}"`);
  await authorizeRead(ctx.access, credentialOf(req), p);
  return p;
}

async function run(ctx: AppContext, p: Project, id: string | null | undefined, what = "run") {
  const r = id ? await ctx.storage.getRun(p.id, id) : undefined;
  if (!r) throw new HttpError(id ? 404 : 400, id ? `No ${what} "${id}" in "${p.owner}/${p.repo}"` : `The ${what} run is missing: add ?${what}=<run id>`);
  return r;
}

export const getRoot = pageHandler(async (req, ctx) => {
  const may = await readableProjectIds(ctx.access, credentialOf(req));
  return rootPage((await ctx.storage.listProjects()).filter((p) => may.all || p.public || may.ids.has(p.id)));
});

export const getProjectPage = pageHandler(async (req, ctx) => projectPage(ctx.storage, await project(req, ctx)));

export const getRunPage = pageHandler(async (req, ctx) => {
  const p = await project(req, ctx);
  return runPage(ctx.storage, p, await run(ctx, p, req.params.id));
});

export const getComparePage = pageHandler(async (req, ctx) => {
  const p = await project(req, ctx);
  const q = new URL(req.url).searchParams;
  const base = await run(ctx, p, q.get("base"), "base");
  const head = await run(ctx, p, q.get("head"), "head");
  if (base.mode !== head.mode) throw new HttpError(400, `Runs "${base.id}" and "${head.id}" used different modes: "${base.mode}" and "${head.mode}"`);
  if (head.status !== "COMPLETED") throw new HttpError(409, `Run "${head.id}" is ${head.status.toLowerCase()}: there are no results to compare yet`);
  return comparePage(ctx.storage, p, base, head);
});

export const getBenchmarkPage = pageHandler(async (req, ctx) => {
  const p = await project(req, ctx);
  const uri = req.params.uri!;
  const body = await benchmarkPage(ctx.storage, p, uri);
  if (!body) throw new HttpError(404, `No benchmark "${uri}" in "${p.owner}/${p.repo}"`);
  return body;
});
