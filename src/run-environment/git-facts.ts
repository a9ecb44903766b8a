/** Git facts for the run environment: HEAD, branch, root and the `origin` remote, when there is a checkout. */
import { execCapture } from "../system/subprocess.ts";
import { readGitInfo } from "../system/git.ts";
import type { GitFacts } from "./types.ts";

/** Never throws: a directory without git (a CI that ships sources without `.git`) gives `{}`. */
export async function readGitFacts(cwd: string): Promise<GitFacts> {
  const facts: GitFacts = {};
  try {
    const info = await readGitInfo(cwd);
    if (info.commit) facts.commit = info.commit;
    if (info.branch) facts.branch = info.branch;
    if (info.root) facts.root = info.root;
  } catch {
    return facts;
  }
  if (!facts.commit) return facts;
  const remote = await execCapture(["git", "config", "--get", "remote.origin.url"], { cwd, timeoutMs: 5_000 });
  if (remote.code === 0 && remote.stdout.trim()) facts.remoteUrl = remote.stdout.trim();
  return facts;
}
