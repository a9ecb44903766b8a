/**
 * A read-only history is named as read-only, never "remove it": a file another user owns (read by a
 * real second user), a read-only tmpfs mount, a read-only folder with no history yet. Reading
 * commands still read it; a run proceeds and says it is not saved (see test/reliability/config.test.ts).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHistory } from "../../src/history/index.ts";
import { BINARY, hasBinary, runPacer } from "../helpers/pacer.ts";
import { makeRecord } from "./make-record.ts";

const isRoot = process.getuid?.() === 0;
const USER = `pacer-ro-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), "pacer-ro-history-"));
const mnt = join(dir, "mnt");
let mounted = false;
let userAdded = false;

function sh(argv: string[]): { code: number; out: string } {
  const r = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

/** A history holding one ok run, written by this (root) process. */
function seed(path: string): string {
  const h = openHistory({ cwd: dir, path });
  const record = makeRecord({ command: "seeded run" });
  h.begin(record);
  h.finish(record);
  h.close();
  return record.id;
}

// Set up before the tests are declared, so a machine that cannot mount or add a user skips them.
chmodSync(dir, 0o755);
if (isRoot) {
  mkdirSync(mnt);
  mounted = sh(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt]).code === 0;
  userAdded = sh(["useradd", "--no-create-home", "--shell", "/bin/false", USER]).code === 0;
}

afterAll(() => {
  if (mounted) sh(["umount", mnt]);
  if (userAdded) sh(["userdel", USER]);
  rmSync(dir, { recursive: true, force: true });
});

const canRun = hasBinary() && isRoot;
if (!isRoot) console.warn("read-only history tests skipped: they need root (a tmpfs mount, a second user)");
else if (!mounted || !userAdded) console.warn(`read-only history tests partly skipped: mount ${mounted ? "ok" : "refused"}, useradd ${userAdded ? "ok" : "refused"}`);

describe("a read-only history", () => {
  test.skipIf(!canRun || !userAdded)("a file another user owns: `pacer runs` lists it for a second user, the message never says remove", async () => {
    const owned = join(dir, "owned");
    mkdirSync(owned);
    const path = join(owned, "history.db");
    const id = seed(path);
    chmodSync(path, 0o444);
    chmodSync(owned, 0o555);
    const before = readFileSync(path);
    const r = Bun.spawnSync(["runuser", "-u", USER, "--", BINARY, "runs", "--history", path], {
      cwd: dir, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, CI: "" },
    });
    expect(r.stderr.toString()).not.toContain("remove it");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.toString()).toContain(id);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test.skipIf(!canRun || !mounted)("a read-only mount: `pacer runs` still reads it, unchanged", async () => {
    const path = join(mnt, "history.db");
    const id = seed(path);
    expect(sh(["mount", "-o", "remount,ro", mnt]).code).toBe(0);
    try {
      const before = readFileSync(path);
      const r = await runPacer(["runs", "--history", path], { binary: true, cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(id);
      expect(readFileSync(path).equals(before)).toBe(true);
    } finally {
      sh(["mount", "-o", "remount,rw", mnt]);
    }
  });

  test.skipIf(!canRun || !mounted)("no history yet in a read-only folder: the error says read-only, exit 1", async () => {
    expect(sh(["mount", "-o", "remount,ro", mnt]).code).toBe(0);
    try {
      const path = join(mnt, "sub", "new.db");
      const r = await runPacer(["runs", "--history", path], { binary: true, cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The history "${path}" is read-only: its folder "${mnt}" is on a read-only file system; pacer cannot create it`);
      expect(r.stderr).not.toContain("remove it");
    } finally {
      sh(["mount", "-o", "remount,rw", mnt]);
    }
  });

  test("a file that is not a database keeps the hint to start a new history", async () => {
    const path = join(dir, "garbage.db");
    writeFileSync(path, "not sqlite ".repeat(100));
    expect(() => openHistory({ cwd: dir, path })).toThrow(`Cannot open history "${path}"`);
  });

  test.skipIf(!mounted)("begin() on a read-only store throws once per run, finish() is then skipped", () => {
    // Root may write any file: a read-only mount is what stops this process.
    const onMount = join(mnt, "h2.db");
    seed(onMount);
    expect(sh(["mount", "-o", "remount,ro", mnt]).code).toBe(0);
    try {
      const h = openHistory({ cwd: dir, path: onMount });
      const record = makeRecord();
      expect(() => h.begin(record)).toThrow(`The history "${onMount}" is read-only: the file is on a read-only file system; this run is not saved in it`);
      expect(() => h.finish(record)).not.toThrow();
      expect(h.list().length).toBe(1);
      h.close();
    } finally {
      sh(["mount", "-o", "remount,rw", mnt]);
    }
  });
});
