import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execCapture } from "../../../src/system/subprocess.ts";
import { writeNodeShim } from "../../../src/run/node-shim.ts";
import { canonicalExecPath, nodeOnPath, resolveNodePath } from "./node-path.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-wt-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const realNode = Bun.which("node");
// A hard link is the same binary under another name, like Debian's `/usr/bin/nodejs`.
const renamed = join(dir, "renamed", "nodejs-20");
function hardLinkNode(): boolean {
  if (!realNode) return false;
  try {
    mkdirSync(join(dir, "renamed"));
    linkSync(realpathSync(realNode), renamed);
    return true;
  } catch {
    return false;
  }
}
const canRename = hardLinkNode();

describe("canonicalExecPath()", () => {
  test("resolves symlinks and rejects answers that are not absolute paths", () => {
    const link = join(dir, "node-link");
    symlinkSync("/bin/sh", link);
    expect(canonicalExecPath(`${link}\n`)).toBe(realpathSync("/bin/sh"));
    expect(canonicalExecPath("")).toBeUndefined();
    expect(canonicalExecPath("node\n")).toBeUndefined();
    expect(canonicalExecPath(join(dir, "nope"))).toBeUndefined();
  });
});

describe.skipIf(!realNode)("resolveNodePath() with the real node", () => {
  test("a `node` on PATH that is a symlink (nvm, Debian alternatives) gives the file perf maps", async () => {
    const bin = join(dir, "bin");
    mkdirSync(bin);
    symlinkSync(realNode!, join(bin, "node"));
    const got = await resolveNodePath(execCapture, { PATH: `${bin}:/usr/bin:/bin` }, dir);
    expect(got).toBe(realpathSync(realNode!));
  });

  test.skipIf(!canRename)("a renamed node binary is found under its own name (needs a hard link beside it)", async () => {
    const bin = join(dir, "bin-renamed");
    mkdirSync(bin);
    symlinkSync(renamed, join(bin, "node"));
    expect(await resolveNodePath(execCapture, { PATH: `${bin}:/usr/bin:/bin` }, dir)).toBe(realpathSync(renamed));
  });

  test("no node on PATH: undefined, no error", async () => {
    expect(await resolveNodePath(execCapture, { PATH: join(dir, "empty") }, dir)).toBeUndefined();
  });
});

describe.skipIf(!realNode)("finding node without running it", () => {
  const noSpawn = async (): Promise<never> => {
    throw new Error("spawned node although PATH told where it is");
  };

  test("pacer's shim first on PATH is skipped and the node after it is read off PATH, no spawn", async () => {
    const shim = await writeNodeShim(join(dir, "shim"));
    const bin = join(dir, "bin-after-shim");
    mkdirSync(bin);
    symlinkSync(realNode!, join(bin, "node"));
    const env = { PATH: `${join(dir, "shim")}:${bin}:/usr/bin:/bin` };
    expect(shim).toBe(join(dir, "shim", "node"));
    expect(await resolveNodePath(noSpawn, env, dir)).toBe(realpathSync(realNode!));
  });

  test("a script `node` (a version manager's shim) is asked where its node lives", async () => {
    const bin = join(dir, "bin-script");
    mkdirSync(bin);
    writeFileSync(join(bin, "node"), `#!/bin/sh\nexec ${realpathSync(realNode!)} "$@"\n`);
    chmodSync(join(bin, "node"), 0o755);
    expect(nodeOnPath(`${bin}:/usr/bin`, dir)).toBe("unknown");
    let asked = 0;
    const counting: typeof execCapture = (argv, opts) => (asked++, execCapture(argv, opts));
    expect(await resolveNodePath(counting, { PATH: `${bin}:/usr/bin:/bin` }, dir)).toBe(realpathSync(realNode!));
    expect(asked).toBe(1);
  });

  test("folders without a node, and a folder named node, are passed over", () => {
    mkdirSync(join(dir, "dir-named", "node"), { recursive: true });
    expect(nodeOnPath(`${join(dir, "empty")}:${join(dir, "dir-named")}`, dir)).toBeUndefined();
  });
});
