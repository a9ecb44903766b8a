/**
 * Git facts of the benchmarked tree (commit, branch, dirty, root), saved with every run.
 *
 * Uses the `git` CLI when it is on PATH. Without it, reads `.git/HEAD`, loose refs and `packed-refs`
 * directly (worktrees and `.git` files included); `dirty` cannot be known that way and is `false`.
 * "Dirty" means tracked files differ from HEAD (staged or not), like `git describe --dirty`:
 * untracked files do not count.
 *
 * @module
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { GitInfo } from "../results/run-record.ts";
import { execCapture, which } from "./subprocess.ts";

export type { GitInfo } from "../results/run-record.ts";

const NOT_A_REPO: GitInfo = { commit: null, branch: null, dirty: false, root: null };
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The first of `cwd` and its ancestors holding a `.git` directory or file, or `null`.
 *
 * @example
 * ```ts
 * findGitRoot("/repo/packages/a"); // "/repo"
 * ```
 */
export function findGitRoot(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** What `.git/HEAD` holds: a symbolic ref (`ref: refs/heads/main`) or a detached commit. */
export function parseHead(text: string): { ref: string } | { commit: string } | null {
  const t = text.trim();
  const m = /^ref:\s*(\S+)$/.exec(t);
  if (m) return { ref: m[1]! };
  return SHA.test(t) ? { commit: t } : null;
}

/** Ref name → commit from `packed-refs` text (peeled `^` lines and comments skipped). */
export function parsePackedRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S+)$/.exec(line.trim());
    if (m) refs.set(m[2]!, m[1]!);
  }
  return refs;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The git directory of a work tree root: `.git`, or where a `.git` file's `gitdir:` points. */
function gitDirOf(root: string): string | null {
  const dotGit = join(root, ".git");
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return null;
  }
  const m = /^gitdir:\s*(.+)$/m.exec(readText(dotGit) ?? "");
  return m ? resolve(root, m[1]!.trim()) : null;
}

/** Reads commit and branch from the files under `.git`, without the git CLI; `dirty` is `false` (unknown). */
export function readGitInfoFromFiles(cwd: string): GitInfo {
  const root = findGitRoot(cwd);
  const gitDir = root ? gitDirOf(root) : null;
  if (!root || !gitDir) return { ...NOT_A_REPO };
  // Linked worktrees keep HEAD in their own dir and branches in the shared one named by `commondir`.
  const common = readText(join(gitDir, "commondir"));
  const commonDir = common ? resolve(gitDir, common.trim()) : gitDir;
  const head = parseHead(readText(join(gitDir, "HEAD")) ?? "");
  if (!head) return { ...NOT_A_REPO, root };
  if ("commit" in head) return { commit: head.commit, branch: null, dirty: false, root };
  const loose = readText(join(commonDir, head.ref))?.trim();
  const commit = loose && SHA.test(loose) ? loose : (parsePackedRefs(readText(join(commonDir, "packed-refs")) ?? "").get(head.ref) ?? null);
  const branch = head.ref.startsWith("refs/heads/") ? head.ref.slice("refs/heads/".length) : null;
  return { commit, branch, dirty: false, root };
}

/**
 * Reads the git state of `cwd`; outside a repository every field is `null` (and `dirty` false).
 * `opts.git` picks the git binary; `null` forces reading the files (as when git is not installed).
 *
 * @example
 * ```ts
 * const git = await readGitInfo(process.cwd());
 * // { commit: "3f1c…", branch: "main", dirty: false, root: "/repo" }
 * ```
 */
export async function readGitInfo(cwd: string, opts: { git?: string | null } = {}): Promise<GitInfo> {
  const git = opts.git === undefined ? which("git") : opts.git;
  if (!git) return readGitInfoFromFiles(cwd);
  // No optional locks: `git status` would otherwise refresh (write) the index of the user's repo.
  const env = { ...(process.env as Record<string, string>), GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
  // One process, not one per fact: each spawn costs ~3 ms of the run's start here, before the benchmark.
  const status = await execCapture([git, "-C", cwd, "status", "--porcelain=v2", "--branch", "--untracked-files=no"], { env, timeoutMs: 10_000 });
  if (status.spawnError) return readGitInfoFromFiles(cwd);
  if (status.code !== 0) return { ...NOT_A_REPO };
  // git names the root by its real path, as `rev-parse --show-toplevel` does.
  const root = findGitRoot(cwd);
  return { ...parseStatusV2(status.stdout), root: root && realRoot(root) };
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Commit, branch and dirty from `git status --porcelain=v2 --branch`: the `# branch.oid` and
 * `# branch.head` headers (`(initial)` before the first commit, `(detached)` without a branch), then
 * one line per changed tracked file.
 */
export function parseStatusV2(text: string): Omit<GitInfo, "root"> {
  let commit: string | null = null;
  let branch: string | null = null;
  let dirty = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("# branch.oid ")) {
      const oid = line.slice("# branch.oid ".length).trim();
      commit = SHA.test(oid) ? oid : null;
    } else if (line.startsWith("# branch.head ")) {
      const head = line.slice("# branch.head ".length).trim();
      branch = head === "(detached)" || head === "" ? null : head;
    } else if (line !== "" && !line.startsWith("#")) dirty = true;
  }
  return { commit, branch, dirty };
}
