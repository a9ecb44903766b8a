import { afterAll, expect, test } from "bun:test";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeOwnedTempDir, removeOwnedTempDir, sweepStaleTempDirs } from "./owned-temp-dir.ts";

const root = mkdtempSync(join(tmpdir(), "owned-temp-dir-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A process that makes an owned folder under `dir`, prints it and waits to be killed. */
function owner(dir: string): { proc: Bun.Subprocess<"ignore", "pipe", "inherit">; path: Promise<string> } {
  const code = `const { makeOwnedTempDir } = await import(${JSON.stringify(join(import.meta.dir, "owned-temp-dir.ts"))});
console.log(makeOwnedTempDir("pacer-child-", ${JSON.stringify(dir)})); await Bun.sleep(60_000);`;
  const proc = Bun.spawn([process.execPath, "-e", code], { stdout: "pipe", stderr: "inherit" });
  const path = (async () => {
    const reader = proc.stdout.getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    return text.trim();
  })();
  return { proc, path };
}

test("a folder whose owner was SIGKILLed is removed by the next sweep; a live owner's stays", async () => {
  const dir = mkdtempSync(join(root, "kill-"));
  const live = owner(dir);
  const killed = owner(dir);
  const [livePath, killedPath] = await Promise.all([live.path, killed.path]);
  writeFileSync(join(killedPath, "perf.data"), "x".repeat(1000));
  expect(lstatSync(killedPath).mode & 0o777).toBe(0o700);
  expect(sweepStaleTempDirs(dir)).toEqual([]); // both alive
  killed.proc.kill("SIGKILL");
  await killed.proc.exited;
  expect(existsSync(killedPath)).toBe(true); // no handler ran
  expect(sweepStaleTempDirs(dir)).toEqual([killedPath]);
  expect(existsSync(killedPath)).toBe(false);
  expect(existsSync(livePath)).toBe(true);
  live.proc.kill("SIGKILL");
  await live.proc.exited;
  expect(sweepStaleTempDirs(dir)).toEqual([livePath]);
}, 30_000);

test("this process's own folder survives its sweep; remove releases it", () => {
  const dir = mkdtempSync(join(root, "own-"));
  const mine = makeOwnedTempDir("pacer-mine-", dir);
  expect(readdirSync(mine)).toEqual([".pacer-owner"]);
  expect(sweepStaleTempDirs(dir)).toEqual([]);
  removeOwnedTempDir(mine);
  expect(existsSync(mine)).toBe(false);
});

test("what it did not make, or cannot judge, is left alone", () => {
  const dir = mkdtempSync(join(root, "alien-"));
  // No owner file (an older pacer's folder, or one being made right now).
  mkdirSync(join(dir, "pacer-old-abc123"), { mode: 0o700 });
  // Open to others.
  mkdirSync(join(dir, "pacer-open-abc123"), { mode: 0o700 });
  writeFileSync(join(dir, "pacer-open-abc123", ".pacer-owner"), "");
  chmodSync(join(dir, "pacer-open-abc123"), 0o755);
  // A link to a folder that looks stale: neither the link's target nor its files are touched.
  const target = join(dir, "target");
  mkdirSync(target, { mode: 0o700 });
  writeFileSync(join(target, ".pacer-owner"), "");
  symlinkSync(target, join(dir, "pacer-link-abc123"));
  // The owner file is a link to a file elsewhere.
  mkdirSync(join(dir, "pacer-ownerlink-abc123"), { mode: 0o700 });
  writeFileSync(join(dir, "elsewhere"), "");
  symlinkSync(join(dir, "elsewhere"), join(dir, "pacer-ownerlink-abc123", ".pacer-owner"));
  // Not a pacer name.
  mkdirSync(join(dir, "other-abc123"), { mode: 0o700 });
  writeFileSync(join(dir, "other-abc123", ".pacer-owner"), "");

  expect(sweepStaleTempDirs(dir)).toEqual([]);
  expect(readdirSync(dir).sort()).toEqual(["elsewhere", "other-abc123", "pacer-link-abc123", "pacer-old-abc123", "pacer-open-abc123", "pacer-ownerlink-abc123", "target"]);
  expect(readdirSync(target)).toEqual([".pacer-owner"]);
});

test("a missing temp dir is no error", () => {
  expect(sweepStaleTempDirs(join(root, "missing"))).toEqual([]);
});
