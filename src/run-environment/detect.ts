/**
 * Picks the run environment: Buildkite, GitHub Actions, GitLab CI (the CodSpeed runner's order),
 * then the generic `PACER_*` provider, else a local run.
 *
 * @module
 */
import { buildkiteEnvironment } from "./buildkite.ts";
import { genericEnvironment, isGenericCi } from "./generic.ts";
import { readGitFacts } from "./git-facts.ts";
import { githubActionsEnvironment } from "./github-actions.ts";
import { gitlabCiEnvironment } from "./gitlab-ci.ts";
import { localEnvironment } from "./local.ts";
import type { GitFacts, RunEnvironment } from "./types.ts";

export type RunEnvironmentKind = RunEnvironment["kind"];

/** Which provider the variables point to, without reading anything else. */
export function detectKind(env: NodeJS.ProcessEnv): RunEnvironmentKind {
  if (env.BUILDKITE === "true") return "buildkite";
  if (env.GITHUB_ACTIONS === "true") return "github-actions";
  if (env.GITLAB_CI === "true") return "gitlab-ci";
  if (isGenericCi(env)) return "generic";
  return "local";
}

/** Builds the environment of `kind` from variables and git facts (pure, for tests). */
export function environmentFrom(env: NodeJS.ProcessEnv, git: GitFacts, cwd: string): RunEnvironment {
  switch (detectKind(env)) {
    case "buildkite":
      return buildkiteEnvironment(env, git);
    case "github-actions":
      return githubActionsEnvironment(env, git);
    case "gitlab-ci":
      return gitlabCiEnvironment(env, git);
    case "generic":
      return genericEnvironment(env, git, cwd);
    case "local":
      return localEnvironment(env, git, cwd);
  }
}

/**
 * Detects where pacer runs and reads its metadata.
 *
 * @example
 * ```ts
 * const re = await detectRunEnvironment(process.env, process.cwd());
 * console.log(re.label, re.metadata.owner, re.metadata.repository, re.commitHash);
 * ```
 */
export async function detectRunEnvironment(env: NodeJS.ProcessEnv, cwd: string): Promise<RunEnvironment> {
  return environmentFrom(env, await readGitFacts(cwd), cwd);
}
