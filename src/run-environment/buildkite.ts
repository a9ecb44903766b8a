/**
 * Buildkite (§7.4 of the reference): GitHub repositories only, a token is required, no run parts.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { requireEnv, withTrailingSlash } from "./_env.ts";
import { parseRemote } from "./parse-remote.ts";
import type { GitFacts, RunEnvironment } from "./types.ts";

const LABEL = "Buildkite";

export function buildkiteEnvironment(env: NodeJS.ProcessEnv, git: GitFacts): RunEnvironment {
  const repoUrl = requireEnv(env, "BUILDKITE_REPO", LABEL);
  const remote = parseRemote(repoUrl);
  if (!remote) throw new PacerError("E_UPLOAD", `Cannot parse "BUILDKITE_REPO": "${repoUrl}" is not a git remote URL`);
  if (remote.domain !== "github.com") {
    throw new PacerError("E_UPLOAD", `Cannot upload from Buildkite: repository host "${remote.domain}" is not supported`, {
      hint: "Only GitHub repositories are supported by the CodSpeed Buildkite integration for now",
    });
  }
  const branch = requireEnv(env, "BUILDKITE_BRANCH", LABEL);
  const pr = env.BUILDKITE_PULL_REQUEST;
  if (pr === undefined) requireEnv(env, "BUILDKITE_PULL_REQUEST", LABEL);
  const isPr = pr !== undefined && /^\d+$/.test(pr);
  const root =
    git.root ??
    `/buildkite/builds/${env.BUILDKITE_AGENT_NAME ?? ""}/${env.BUILDKITE_ORGANIZATION_SLUG ?? ""}/${env.BUILDKITE_PIPELINE_SLUG ?? ""}`;
  return {
    name: "BUILDKITE",
    kind: "buildkite",
    label: LABEL,
    repositoryProvider: "GITHUB",
    commitHash: git.commit ?? requireEnv(env, "BUILDKITE_COMMIT", LABEL),
    metadata: {
      ref: isPr ? `refs/pull/${pr}/merge` : `refs/heads/${branch}`,
      headRef: isPr ? branch : null,
      baseRef: isPr ? (env.BUILDKITE_PULL_REQUEST_BASE_BRANCH ?? null) : null,
      owner: remote.owner,
      repository: remote.repository,
      event: isPr ? "pull_request" : "push",
      sender: null,
      ghData: null,
      glData: null,
      repositoryRootPath: withTrailingSlash(root),
    },
    runPart: null,
    tokenPolicy: "required",
  };
}
