import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findGitRoot, parseHead, parsePackedRefs, readGitInfo, readGitInfoFromFiles } from "./git.ts";

const GIT = Bun.which("git");
const base = mkdtempSync(join(tmpdir(), "pacer-git-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  const r = Bun.spawnSync([GIT!, "-c", "user.name=pacer", "-c", "user.email=pacer@example.invalid", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: base, GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

let n = 0;
/** A fresh repository on branch `main`, with one commit unless `empty`. */
function repo(opts: { empty?: boolean } = {}): string {
  const dir = join(base, `r${n++}`);
  mkdirSync(join(dir, "sub"), { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  if (!opts.empty) {
    writeFileSync(join(dir, "a.txt"), "a\n");
    git(dir, "add", "a.txt");
    git(dir, "commit", "-q", "-m", "first");
  }
  return dir;
}

describe("findGitRoot()", () => {
  test("finds the nearest ancestor with a .git directory or file", () => {
    const dir = join(base, "roots");
    mkdirSync(join(dir, "repo/.git"), { recursive: true });
    mkdirSync(join(dir, "repo/mod/deep"), { recursive: true });
    writeFileSync(join(dir, "repo/mod/.git"), "gitdir: ../.git/modules/mod\n");
    expect(findGitRoot(join(dir, "repo"))).toBe(join(dir, "repo"));
    expect(findGitRoot(join(dir, "repo/mod/deep"))).toBe(join(dir, "repo/mod"));
    expect(findGitRoot(dir)).toBeNull();
  });
});

describe("HEAD and packed-refs parsers", () => {
  test.each([
    ["ref: refs/heads/main\n", { ref: "refs/heads/main" }],
    ["3b18e512dba79e4c8300dd08aeb37f8e728b8dad\n", { commit: "3b18e512dba79e4c8300dd08aeb37f8e728b8dad" }],
    ["garbage", null],
    ["", null],
  ])("parseHead(%p)", (text, expected) => {
    expect(parseHead(text)).toEqual(expected);
  });

  test("parsePackedRefs() skips the header and peeled tag lines", () => {
    const text = [
      "# pack-refs with: peeled fully-peeled sorted ",
      "3b18e512dba79e4c8300dd08aeb37f8e728b8dad refs/heads/main",
      "9fceb02d0ae598e95dc970b74767f19372d61af8 refs/tags/v1",
      "^3b18e512dba79e4c8300dd08aeb37f8e728b8dad",
      "",
    ].join("\n");
    expect([...parsePackedRefs(text)]).toEqual([
      ["refs/heads/main", "3b18e512dba79e4c8300dd08aeb37f8e728b8dad"],
      ["refs/tags/v1", "9fceb02d0ae598e95dc970b74767f19372d61af8"],
    ]);
  });
});

describe.skipIf(!GIT)("readGitInfo() with the git CLI (needs git)", () => {
  test("a clean repository: commit, branch, root, not dirty, from a subdirectory too", async () => {
    const dir = repo();
    const expected = { commit: git(dir, "rev-parse", "HEAD"), branch: "main", dirty: false, root: dir };
    expect(await readGitInfo(dir)).toEqual(expected);
    expect(await readGitInfo(join(dir, "sub"))).toEqual(expected);
  });

  test("a modified or staged tracked file makes it dirty; an untracked file does not", async () => {
    const dir = repo();
    writeFileSync(join(dir, "new.txt"), "untracked\n");
    expect((await readGitInfo(dir)).dirty).toBe(false);
    git(dir, "add", "new.txt");
    expect((await readGitInfo(dir)).dirty).toBe(true);
    git(dir, "commit", "-q", "-m", "second");
    writeFileSync(join(dir, "a.txt"), "changed\n");
    expect((await readGitInfo(dir)).dirty).toBe(true);
  });

  test("a staged rename is dirty, a branch name keeps its slashes, a symlinked path gives the real root", async () => {
    const dir = repo();
    git(dir, "checkout", "-q", "-b", "feat/x-1");
    git(dir, "mv", "a.txt", "b.txt");
    const link = join(base, "link-to-repo");
    symlinkSync(dir, link);
    expect(await readGitInfo(join(link, "sub"))).toEqual({ commit: git(dir, "rev-parse", "HEAD"), branch: "feat/x-1", dirty: true, root: realpathSync(dir) });
  });

  test("a detached HEAD has no branch", async () => {
    const dir = repo();
    git(dir, "checkout", "-q", "--detach");
    expect(await readGitInfo(dir)).toEqual({ commit: git(dir, "rev-parse", "HEAD"), branch: null, dirty: false, root: dir });
  });

  test("a repository without commits has a branch but no commit", async () => {
    const dir = repo({ empty: true });
    expect(await readGitInfo(dir)).toEqual({ commit: null, branch: "main", dirty: false, root: dir });
  });

  test("outside a repository everything is null", async () => {
    const dir = join(base, "plain");
    mkdirSync(dir, { recursive: true });
    expect(await readGitInfo(dir)).toEqual({ commit: null, branch: null, dirty: false, root: null });
  });

  test("a git binary that cannot start falls back to reading the files", async () => {
    const dir = repo();
    expect(await readGitInfo(dir, { git: join(base, "no-such-git") })).toEqual({
      commit: git(dir, "rev-parse", "HEAD"),
      branch: "main",
      dirty: false,
      root: dir,
    });
  });
});

// These repositories are made by the real git CLI; the reader under test does not use it.
describe.skipIf(!GIT)("readGitInfoFromFiles() without the git CLI (repositories made with git)", () => {
  test("a loose branch ref, from a subdirectory; dirty is unknown so false", async () => {
    const dir = repo();
    writeFileSync(join(dir, "a.txt"), "changed\n");
    expect(await readGitInfo(join(dir, "sub"), { git: null })).toEqual({
      commit: git(dir, "rev-parse", "HEAD"),
      branch: "main",
      dirty: false,
      root: dir,
    });
  });

  test("a ref only in packed-refs", () => {
    const dir = repo();
    git(dir, "pack-refs", "--all", "--prune");
    expect(readGitInfoFromFiles(dir).commit).toBe(git(dir, "rev-parse", "HEAD"));
  });

  test("a detached HEAD", () => {
    const dir = repo();
    git(dir, "checkout", "-q", "--detach");
    expect(readGitInfoFromFiles(dir)).toMatchObject({ commit: git(dir, "rev-parse", "HEAD"), branch: null });
  });

  test("a linked worktree (.git file + commondir)", () => {
    const dir = repo();
    const wt = join(base, `wt${n++}`);
    git(dir, "worktree", "add", "-q", "-b", "feature", wt);
    expect(readGitInfoFromFiles(wt)).toEqual({ commit: git(dir, "rev-parse", "HEAD"), branch: "feature", dirty: false, root: wt });
  });

  test("an unborn branch and a non-repository", () => {
    expect(readGitInfoFromFiles(repo({ empty: true }))).toMatchObject({ commit: null, branch: "main" });
    const plain = join(base, "plain2");
    mkdirSync(plain, { recursive: true });
    expect(readGitInfoFromFiles(plain)).toEqual({ commit: null, branch: null, dirty: false, root: null });
  });
});
