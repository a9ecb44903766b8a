/**
 * What pacer knows about where it runs: the CI provider (or a local machine), the repository and the
 * commit, in the shape the CodSpeed upload metadata (§5.3 of the reference) expects.
 *
 * @module
 */

/** `runEnvironment` of the upload metadata; the generic provider may send its own name. */
export type RunEnvironmentName = "GITHUB_ACTIONS" | "GITLAB_CI" | "BUILDKITE" | "LOCAL" | (string & {});

export type RepositoryProvider = "GITHUB" | "GITLAB" | "PROJECT";

export type RunEvent = "push" | "pull_request" | "workflow_dispatch" | "schedule" | "local";

export interface Sender {
  id: string;
  login: string;
}

/** One part of a multi-job run (matrix jobs, several uploads in one job), §7.7 of the reference. */
export interface RunPart {
  runId: string;
  runPartId: string;
  jobName: string;
  /** Ordered map: serialised with its keys sorted. */
  metadata: Record<string, unknown>;
}

/** The run-environment fields flattened into the upload metadata, in their wire order. */
export interface RunEnvironmentMetadata {
  ref: string;
  headRef: string | null;
  baseRef: string | null;
  owner: string;
  repository: string;
  event: RunEvent;
  sender: Sender | null;
  ghData: { runId: string; job: string } | null;
  glData: { runId: string; job: string } | null;
  repositoryRootPath: string;
}

export interface RunEnvironment {
  /** Sent as `runEnvironment`. */
  name: RunEnvironmentName;
  /** Which detector produced it. */
  kind: "github-actions" | "gitlab-ci" | "buildkite" | "generic" | "local";
  /** Human name for messages (`GitHub Actions`, `CircleCI`…). */
  label: string;
  repositoryProvider: RepositoryProvider;
  commitHash: string;
  metadata: RunEnvironmentMetadata;
  /** Run part before the run index is added; null where the provider has none. */
  runPart: RunPart | null;
  /** `required`: uploading without a token is an error (Buildkite, generic, local). */
  tokenPolicy: "optional" | "required";
  /** GitHub: `repository.private` of the event payload (decides what a missing OIDC token means). */
  isPrivate?: boolean;
  /** A pull request from a fork: no secrets, no OIDC, tokenless is expected. */
  isFork?: boolean;
}

/** Facts from git, when a checkout is there (`readGitInfo`); every field may be missing. */
export interface GitFacts {
  commit?: string;
  branch?: string;
  root?: string;
  remoteUrl?: string;
}
