/**
 * The server's pages, rendered from storage into the shared frame and run view: the project list,
 * a project, a run, two runs compared, a benchmark's history, and the 404 page.
 *
 * @module
 */
import { formatMetric } from "../../compare/format.ts";
import { historyChart } from "../../dashboard/history-chart.ts";
import { page } from "../../dashboard/layout.ts";
import { runBody, runFacts } from "../../dashboard/run-view.ts";
import { escapeHtml as e } from "../../report/html-escape.ts";
import type { Project, Run } from "../model.ts";
import type { Storage } from "../storage/types.ts";
import { benchmarkPoints } from "./history.ts";
import { openRegressions } from "./regressions.ts";
import { runData } from "./run-data.ts";
import { linksFor, projectUrl } from "./urls.ts";

const home = { label: "Projects", href: "/" };
const crumb = (p: Project) => ({ label: `${p.owner}/${p.repo}`, href: projectUrl(p) });
const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

export function notFoundPage(message: string): string {
  return page({ title: "Not found", crumbs: [home], body: `<p>${e(message)}</p><p><a href="/">All projects</a></p>` });
}

export function rootPage(projects: Project[]): string {
  const rows = projects.map((p) => `<li><a href="${e(projectUrl(p))}">${e(`${p.owner}/${p.repo}`)}</a> <span class="muted">${p.public ? "public" : "private"} · default branch ${e(p.defaultBranch)}</span></li>`).join("");
  return page({ title: "pacer projects", body: projects.length ? `<ul class="projects">${rows}</ul>` : `<p class="muted">No project you may read.</p>` });
}

function runsTable(p: Project, runs: Run[]): string {
  const l = linksFor(p);
  const rows = runs
    .map((r) => `<tr><td><a href="${e(l.run!(r.id))}">${e(r.id)}</a></td><td>${e(r.branch)}</td><td><code>${e(r.commit.slice(0, 12))}</code></td><td>${e(r.mode)}</td><td>${e(r.status)}</td><td>${e(when(r.createdAt))}</td></tr>`)
    .join("");
  return `<table class="runs"><thead><tr><th>Run</th><th>Branch</th><th>Commit</th><th>Mode</th><th>Status</th><th>Created (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export async function projectPage(storage: Storage, p: Project): Promise<string> {
  const runs = await storage.listRuns(p.id, { limit: 200 });
  const latest = new Map<string, Run>();
  // Per branch and mode: a walltime run does not hide the branch's simulation regression.
  for (const r of runs) if (!latest.has(`${r.branch}\0${r.mode}`)) latest.set(`${r.branch}\0${r.mode}`, r);
  const l = linksFor(p);
  const regressions = await openRegressions(storage, p, [...latest.values()]);
  const reg = regressions.length
    ? `<ul class="regressions">${regressions.map((x) => `<li><a href="${e(l.run!(x.run.id))}">${e(x.run.branch)} · ${e(x.run.id)}</a>: ${e(x.summary)}</li>`).join("")}</ul>`
    : `<p class="good">No open regression</p>`;
  const body = `<section aria-labelledby="reg"><h2 id="reg">Open regressions</h2>${reg}</section>
<section aria-labelledby="br"><h2 id="br">Branches</h2>${runsTable(p, [...latest.values()])}</section>
<section aria-labelledby="lr"><h2 id="lr">Latest runs</h2>${runsTable(p, runs.slice(0, 30))}</section>`;
  return page({ title: `${p.owner}/${p.repo}`, crumbs: [home, { label: `${p.owner}/${p.repo}` }], body });
}

export async function runPage(storage: Storage, p: Project, run: Run): Promise<string> {
  const d = await runData(storage, p, run);
  const error = run.error ? `<p class="bad">${e(run.error)}</p>` : "";
  return page({ title: `Run ${run.id}`, crumbs: [home, crumb(p), { label: `run ${run.id}` }], header: runFacts(d), body: error + runBody(d, linksFor(p)) });
}

export async function comparePage(storage: Storage, p: Project, base: Run, head: Run): Promise<string> {
  const d = await runData(storage, p, head, base.id);
  const l = linksFor(p);
  const intro = `<p>Head <a href="${e(l.run!(head.id))}">${e(head.id)}</a> (${e(head.branch)}) against base <a href="${e(l.run!(base.id))}">${e(base.id)}</a> (${e(base.branch)})</p>`;
  return page({ title: `Compare ${base.id} → ${head.id}`, crumbs: [home, crumb(p), { label: "compare" }], header: runFacts(d), body: intro + runBody(d, l) });
}

export async function benchmarkPage(storage: Storage, p: Project, uri: string): Promise<string | undefined> {
  const points = await benchmarkPoints(storage, p, uri);
  if (!points.length) return undefined;
  const l = linksFor(p);
  const sections = [...new Set(points.map((x) => x.metric))].map((metric) => {
    const mine = points.filter((x) => x.metric === metric);
    const fmt = (v: number) => formatMetric(metric, v);
    const rows = mine
      .map((x, i) => {
        const prev = mine[i - 1];
        const cmp = prev ? `<a href="${e(l.compare(prev.runId, x.runId))}">compare with ${e(prev.runId)}</a>` : "-";
        return `<tr><td><a href="${e(l.run!(x.runId))}">${e(x.runId)}</a></td><td>${e(x.branch ?? "-")}</td><td><code>${e((x.commit ?? "").slice(0, 12))}</code></td><td class="num">${e(fmt(x.value))}</td><td class="num">${x.spread ? e(`± ${fmt(x.spread)}`) : "-"}</td><td>${cmp}</td></tr>`;
      })
      .join("");
    return `<section><h2>${e(metric)} <span class="muted">${e(mine[0]!.instrument)}</span></h2>${historyChart(mine.map((x) => ({ ...x, href: l.run!(x.runId) })), fmt)}
<table class="history"><thead><tr><th>Run</th><th>Branch</th><th>Commit</th><th>Value</th><th>Noise</th><th>Compare</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  });
  const name = points.at(-1)!.name;
  return page({ title: name, crumbs: [home, crumb(p), { label: name }], header: `<p class="muted">${e(uri)}</p>`, body: sections.join("") });
}
