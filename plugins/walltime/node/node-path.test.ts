import { afterAll, describe, expect, test } from "bun:test";
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execCapture } from "../../../src/system/subprocess.ts";
import { canonicalExecPath, resolveNodePath } from "./node-path.ts";

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
