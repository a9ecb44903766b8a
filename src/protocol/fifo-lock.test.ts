import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { captureLogger } from "../../test/fixtures/protocol/capture-logger.ts";
import { fifoDir } from "../../test/fixtures/protocol/raw-fifo.ts";
import { acquireFifoLock } from "./fifo-lock.ts";

let paths: ReturnType<typeof fifoDir>;
let lockPath: string;
beforeEach(() => {
  paths = fifoDir();
  lockPath = `${paths.ctlPath}.lock`;
});
afterEach(() => paths.cleanup());

describe("acquireFifoLock", () => {
  test("creates the lock with our pid and release() removes it once", async () => {
    const lock = await acquireFifoLock(lockPath, { log: captureLogger() });
    expect(readFileSync(lockPath, "utf8")).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    writeFileSync(lockPath, "1\n");
    lock.release(); // already released: leaves the new holder's file alone
    expect(readFileSync(lockPath, "utf8")).toBe("1\n");
  });

  test("release() leaves a lock that is no longer ours", async () => {
    const lock = await acquireFifoLock(lockPath, { log: captureLogger() });
    writeFileSync(lockPath, "1\n");
    lock.release();
    expect(readFileSync(lockPath, "utf8")).toBe("1\n");
  });

  test("takes over a lock whose pid is dead, with a warning", async () => {
    const dead = Bun.spawn(["true"]);
    await dead.exited;
    writeFileSync(lockPath, `${dead.pid}\n`);
    const log = captureLogger();
    const lock = await acquireFifoLock(lockPath, { log, timeoutMs: 0 });
    expect(readFileSync(lockPath, "utf8")).toBe(`${process.pid}\n`);
    expect(log.at("warn")).toEqual([`Removing stale lock "${lockPath}" of pid ${dead.pid}, which is no longer running`]);
    lock.release();
  });

  test("refuses to wait for a lock this process already holds", async () => {
    const lock = await acquireFifoLock(lockPath, { log: captureLogger() });
    const err = await acquireFifoLock(lockPath, { log: captureLogger() }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`Cannot lock "${lockPath}": this process already holds it`);
    lock.release();
  });

  test("a lock without a pid counts as held while fresh, and as stale once old", async () => {
    writeFileSync(lockPath, "");
    const err = await acquireFifoLock(lockPath, { log: captureLogger(), timeoutMs: 100, pollMs: 20 }).catch((e: unknown) => e);
    expect((err as Error).message).toContain("another pacer (pid unknown) holds");
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    const lock = await acquireFifoLock(lockPath, { log: captureLogger(), timeoutMs: 0 });
    expect(readFileSync(lockPath, "utf8")).toBe(`${process.pid}\n`);
    lock.release();
  });
});
