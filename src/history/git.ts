/**
 * The few git questions the history asks, answered synchronously (they run once per command).
 *
 * @module
 */
import { branchFor } from "./ci-branch.ts";

function git(cwd: string, args: string[]): string | null {
  try {
    const r = Bun.spawnSync(["git", ...args], { cwd, stdout: "pipe", stderr: "ignore", env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
    return r.exitCode === 0 ? r.stdout.toString().trim() : null;
  } catch {
    return null;
  }
}

/** Full commit id `ref` names, or null when it names none. */
export function resolveCommit(cwd: string, ref: string): string | null {
  if (ref.startsWith("-")) return null;
  return git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
}

/**
 * Checked-out branch: `$PACER_BRANCH`, the symbolic ref, or in GitHub Actions the branch of the
 * commit actually checked out (see {@link branchFor}); null when unknown (detached HEAD, no git).
 */
export function currentBranch(cwd: string): string | null {
  return branchFor(git(cwd, ["symbolic-ref", "--short", "-q", "HEAD"]), git(cwd, ["rev-parse", "--verify", "-q", "HEAD"]));
}

/**
 * The branch pull requests merge into: `$GITHUB_BASE_REF` in a GitHub pull request, else the
 * remote's default branch, else `main` or `master` when such a local branch exists.
 */
export function baseBranch(cwd: string): string | null {
  if (process.env.GITHUB_BASE_REF) return process.env.GITHUB_BASE_REF;
  const remoteHead = git(cwd, ["symbolic-ref", "--short", "-q", "refs/remotes/origin/HEAD"]);
  if (remoteHead) return remoteHead.replace(/^origin\//, "");
  for (const b of ["main", "master"]) if (git(cwd, ["rev-parse", "--verify", "--quiet", `refs/heads/${b}`])) return b;
  return null;
}
