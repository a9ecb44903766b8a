/**
 * The `pr-feedback` job: a finished run's check run on its head commit and, for a pull request,
 * the comment kept up to date. The comment goes first: editing it again on a retry changes
 * nothing, so a retried job adds no second check run unless the check run itself failed.
 *
 * @module
 */
import type { ServerLog } from "../http/log.ts";
import type { Storage } from "../storage/types.ts";
import { githubRequest, type GitHubConfig } from "./api.ts";
import { githubAuth, type Authorize } from "./auth.ts";
import { upsertComment } from "./comment.ts";
import { originOf, wantsFeedback } from "./pull-request.ts";
import { runPageUrl, verdictOf } from "./summary.ts";

export interface Feedback {
  /** Whether a finished run of this kind is worth a job (pull request or push). */
  wanted(runId: string): Promise<boolean>;
  /** Sends it; throws GitHubError (retried by the worker when `retryable`). */
  send(subject: string): Promise<void>;
}

export function feedbackSubject(projectId: string, runId: string): string {
  return `${projectId}/${runId}`;
}

export function githubFeedback(cfg: GitHubConfig, storage: Storage, log: ServerLog, baseUrl: () => string): Feedback {
  const authorize: Authorize = githubAuth(cfg);
  return {
    async wanted(runId) {
      return wantsFeedback(originOf(await storage.runMetadata(runId)));
    },
    async send(subject) {
      const [projectId, runId] = subject.split("/") as [string, string];
      const project = await storage.getProjectById(projectId);
      const run = project && (await storage.getRun(projectId, runId));
      if (!project || !run) return;
      const origin = originOf(await storage.runMetadata(run.id));
      const pageUrl = runPageUrl(baseUrl(), project, run);
      const verdict = await verdictOf(storage, project, run, pageUrl);
      const authorization = await authorize(project.owner, project.repo);
      const where = `${project.owner}/${project.repo}`;
      if (origin.pr !== null) {
        const c = await upsertComment(storage, { apiUrl: cfg.apiUrl, authorization, owner: project.owner, repo: project.repo, pr: origin.pr, projectId, mode: run.mode }, verdict.summary);
        log.info(`${c.created ? "Created" : "Updated"} the ${run.mode} comment ${c.id} on ${where}#${origin.pr} for run "${run.id}"`);
      }
      const check = await githubRequest<{ id: number }>(cfg.apiUrl, authorization, "POST", `/repos/${encodeURIComponent(project.owner)}/${encodeURIComponent(project.repo)}/check-runs`, {
        name: `pacer (${run.mode})`,
        head_sha: run.commit,
        status: "completed",
        conclusion: verdict.conclusion,
        completed_at: new Date().toISOString(),
        external_id: run.id,
        details_url: pageUrl,
        output: { title: verdict.title, summary: verdict.summary },
      });
      log.info(`Created check run ${check.id} (${verdict.conclusion}) on ${where}@${run.commit.slice(0, 12)} for run "${run.id}"`);
    },
  };
}
