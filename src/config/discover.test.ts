import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PacerError } from "../errors.ts";
import { CONFIG_FILE_NAMES, discoverConfig, searchDirs } from "./discover.ts";
import { loadConfig } from "./load.ts";

const base = mkdtempSync(join(tmpdir(), "pacer-discover-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** Creates a fresh tree: keys are relative paths, a trailing "/" makes a directory. */
function tree(files: Record<string, string>): string {
  const root = join(base, String(n++));
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    if (rel.endsWith("/")) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, content);
    }
  }
  return root;
}

describe("discoverConfig()", () => {
  test("searches from cwd up to the git root, nearest directory first", () => {
    const root = tree({ "repo/.git/": "", "repo/pacer.yml": "", "repo/a/b/": "" });
    expect(searchDirs(join(root, "repo/a/b"))).toEqual([join(root, "repo/a/b"), join(root, "repo/a"), join(root, "repo")]);
    expect(discoverConfig({ cwd: join(root, "repo/a/b") })).toEqual({ path: join(root, "repo/pacer.yml"), warnings: [] });
  });

  test("does not look above the git root", () => {
    const root = tree({ "codspeed.yml": "", "repo/.git/": "", "repo/sub/": "" });
    expect(discoverConfig({ cwd: join(root, "repo/sub") }).path).toBeNull();
  });

  test("a .git file (worktree, submodule) marks the root too", () => {
    const root = tree({ "outer/.git/": "", "outer/pacer.yml": "", "outer/mod/.git": "gitdir: ../.git/modules/mod", "outer/mod/x/": "" });
    expect(discoverConfig({ cwd: join(root, "outer/mod/x") }).path).toBeNull();
  });

  test("outside a git repository only cwd is searched", () => {
    const root = tree({ "pacer.yml": "", "sub/": "" });
    // tmpdir() is not inside a repository on this machine or in CI.
    expect(searchDirs(join(root, "sub"))).toEqual([join(root, "sub")]);
    expect(discoverConfig({ cwd: join(root, "sub") }).path).toBeNull();
    expect(discoverConfig({ cwd: root }).path).toBe(join(root, "pacer.yml"));
  });

  test.each([
    [["codspeed.yml", "pacer.yaml"], "pacer.yaml"],
    [["pacer.yaml", "pacer.yml"], "pacer.yml"],
    [["codspeed.yml", "codspeed.yaml"], "codspeed.yaml"],
    [[".codspeed.yml", "codspeed.yml"], "codspeed.yml"],
    [[".codspeed.yml", ".codspeed.yaml"], ".codspeed.yaml"],
  ])("in one directory %j ⇒ %s, with a warning", (names, expected) => {
    const root = tree(Object.fromEntries(names.map((name) => [name, ""])));
    const found = discoverConfig({ cwd: root });
    expect(found.path).toBe(join(root, expected));
    expect(found.warnings).toHaveLength(1);
    expect(found.warnings[0]).toContain(`using "${expected}"`);
  });

  test("every name is found on its own", () => {
    for (const name of CONFIG_FILE_NAMES) {
      const root = tree({ [name]: "" });
      expect(discoverConfig({ cwd: root }).path).toBe(join(root, name));
    }
  });

  test("a codspeed.yml in cwd beats a pacer.yml in a parent", () => {
    const root = tree({ ".git/": "", "pacer.yml": "", "bench/codspeed.yml": "" });
    expect(discoverConfig({ cwd: join(root, "bench") }).path).toBe(join(root, "bench/codspeed.yml"));
  });

  test("a directory named like a config file is skipped", () => {
    const root = tree({ "pacer.yml/": "", "codspeed.yml": "" });
    expect(discoverConfig({ cwd: root }).path).toBe(join(root, "codspeed.yml"));
  });

  test("an explicit path wins, relative to cwd", () => {
    const root = tree({ "pacer.yml": "", "conf/other.yaml": "" });
    expect(discoverConfig({ cwd: root, explicitPath: "conf/other.yaml" })).toEqual({ path: join(root, "conf/other.yaml"), warnings: [] });
  });

  test.each([
    ["missing.yml", `Cannot load config "missing.yml": file not found`],
    ["conf", `Cannot load config "conf": not a file`],
  ])("an explicit path %p that is not a file is an error", (explicitPath, message) => {
    const root = tree({ "pacer.yml": "", "conf/": "" });
    let err: unknown;
    try {
      discoverConfig({ cwd: root, explicitPath });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacerError);
    expect((err as PacerError).code).toBe("E_CONFIG");
    expect((err as PacerError).message).toBe(message);
  });
});

describe("loadConfig() with discovery", () => {
  test("loads the discovered file and resolves paths against its directory", async () => {
    const root = tree({ ".git/": "", "codspeed.yml": "options:\n  working-directory: bench\n", "a/b/": "" });
    const loaded = await loadConfig({ cwd: join(root, "a/b") });
    expect(loaded.path).toBe(join(root, "codspeed.yml"));
    expect(loaded.dir).toBe(root);
    expect(loaded.config.options.workingDirectory).toBe(join(root, "bench"));
  });

  test("without a file, defaults apply and dir is cwd", async () => {
    const root = tree({ ".git/": "" });
    const loaded = await loadConfig({ cwd: root });
    expect(loaded).toMatchObject({ path: null, dir: root, warnings: [] });
    expect(loaded.config.benchmarks).toEqual([]);
  });

  test("messages name the discovered file relative to cwd", async () => {
    const root = tree({ ".git/": "", "pacer.yml": "options:\n  max-rounds: -2\n", "sub/": "" });
    await expect(loadConfig({ cwd: root })).rejects.toThrow(`Invalid config "pacer.yml": options.max-rounds`);
    // From a subdirectory the file is outside cwd: shown absolute.
    await expect(loadConfig({ cwd: join(root, "sub") })).rejects.toThrow(`Invalid config "${join(root, "pacer.yml")}"`);
  });
});
