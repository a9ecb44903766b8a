import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { which } from "../system/subprocess.ts";
import { readGitFacts } from "./git-facts.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test.skipIf(!which("git"))("reads HEAD, branch, root and the origin remote of a real checkout", async () => {
  const repo = realpathSync(mkdtempSync(join(tmpdir(), "pacer-git-")));
  dirs.push(repo);
  const git = (...args: string[]) => {
    const p = Bun.spawnSync(["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@e", ...args]);
    if (p.exitCode !== 0) throw new Error(p.stderr.toString());
    return p.stdout.toString().trim();
  };
  git("init", "-q", "-b", "bench");
  writeFileSync(join(repo, "a.txt"), "a");
  git("add", "a.txt");
  git("commit", "-q", "-m", "init");
  git("remote", "add", "origin", "git@github.com:acme/widgets.git");
  mkdirSync(join(repo, "sub"));
  expect(await readGitFacts(join(repo, "sub"))).toEqual({
    commit: git("rev-parse", "HEAD"),
    branch: "bench",
    root: repo,
    remoteUrl: "git@github.com:acme/widgets.git",
  });
});

test("a folder without git gives no facts (CI without .git)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pacer-nogit-"));
  dirs.push(dir);
  expect(await readGitFacts(dir)).toEqual({});
});
