/**
 * A developer machine (§7.5 of the reference): repository from `PACER_REPOSITORY` /
 * `CODSPEED_REPOSITORY` or the `origin` remote; without either, the upload step asks the API for the
 * `local-runs` project repository.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { withTrailingSlash } from "./_env.ts";
import { parseRemote } from "./parse-remote.ts";
import type { GitFacts, RepositoryProvider, RunEnvironment } from "./types.ts";

/** The commit the CodSpeed runner sends when there is no git checkout at all. */
export const NO_COMMIT = "a".repeat(40);

function providerOfDomain(domain: string): RepositoryProvider {
  if (domain === "github.com") return "GITHUB";
  if (domain === "gitlab.com") return "GITLAB";
  throw new PacerError("E_UPLOAD", `Repository provider "${domain}" is not supported by CodSpeed`, {
    hint: 'Set "PACER_REPOSITORY" to "owner/name" of a GitHub or GitLab repository',
  });
}

export function localEnvironment(env: NodeJS.ProcessEnv, git: GitFacts, cwd: string): RunEnvironment {
  const slug = env.PACER_REPOSITORY ?? env.CODSPEED_REPOSITORY;
  let owner = "";
  let repository = "";
  let provider: RepositoryProvider = "PROJECT";
  if (slug) {
    const i = slug.indexOf("/");
    if (i <= 0 || i === slug.length - 1) {
      throw new PacerError("E_USAGE", `Invalid repository "${slug}": expected "owner/name"`);
    }
    owner = slug.slice(0, i);
    repository = slug.slice(i + 1);
    const p = (env.PACER_REPOSITORY_PROVIDER ?? env.CODSPEED_PROVIDER ?? "github").toLowerCase();
    provider = p === "gitlab" || p === "gl" ? "GITLAB" : "GITHUB";
  } else if (git.remoteUrl) {
    const remote = parseRemote(git.remoteUrl);
    if (remote) {
      owner = remote.owner;
      repository = remote.repository;
      provider = providerOfDomain(remote.domain);
    }
  }
  const ref = git.commit ?? NO_COMMIT;
  return {
    name: "LOCAL",
    kind: "local",
    label: "local",
    repositoryProvider: provider,
    commitHash: ref,
    metadata: {
      ref,
      headRef: git.branch ?? null,
      baseRef: null,
      owner,
      repository,
      event: "local",
      sender: null,
      ghData: null,
      glData: null,
      repositoryRootPath: withTrailingSlash(git.root ?? cwd),
    },
    runPart: null,
    tokenPolicy: "required",
  };
}
