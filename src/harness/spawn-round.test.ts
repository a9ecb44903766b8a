import { expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { monotonicNs } from "../protocol/monotonic-clock.ts";
import { measureSpawnOverhead, spawnRound } from "./spawn-round.ts";

async function failure(p: Promise<unknown>): Promise<PacerError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PacerError);
    return e as PacerError;
  }
  throw new Error("expected a failure");
}

test("spawnRound times a successful command on the monotonic clock", async () => {
  const before = monotonicNs();
  const r = await spawnRound(["true"]);
  const after = monotonicNs();
  expect(before <= r.startNs && r.startNs <= r.endNs && r.endNs <= after).toBe(true);
});

test("spawnRound passes argv without a shell, with cwd and env", async () => {
  const script = '[ "$1" = "a b;*" ] && [ "$PWD" = /tmp ] && [ "$PACER_X" = 1 ]';
  await spawnRound(["sh", "-c", script, "sh", "a b;*"], { cwd: "/tmp", env: { ...process.env, PACER_X: "1" }, output: "ignore" });
});

test("spawnRound gives the command /dev/null as stdin even when pacer's stdin is a pipe", async () => {
  // Run in a child whose stdin is a pipe, so an inherited stdin would not be /dev/null.
  const code = `import { spawnRound } from ${JSON.stringify(import.meta.dir + "/spawn-round.ts")};
    await spawnRound(["sh", "-c", '[ "$(readlink /proc/self/fd/0)" = /dev/null ]']);`;
  const child = Bun.spawn([process.execPath, "-e", code], { stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  expect(await child.exited).toBe(0);
});

test("spawnRound reports a non-zero exit status", async () => {
  const e = await failure(spawnRound(["sh", "-c", "exit 3"]));
  expect(e.code).toBe("E_RUN");
  expect(e.message).toBe("Command exited with non-zero status: exit status: 3");
});

test("spawnRound reports death by a signal", async () => {
  const e = await failure(spawnRound(["sh", "-c", "kill -9 $$"]));
  expect(e.message).toBe("Command exited with non-zero status: signal: SIGKILL");
});

test("with ignoreFailure a failing round is timed and keeps its status (a signal as 128 + its number)", async () => {
  const exit3 = await spawnRound(["sh", "-c", "sleep 0.02; exit 3"], { ignoreFailure: true });
  expect(exit3.exitCode).toBe(3);
  expect(Number(exit3.endNs - exit3.startNs)).toBeGreaterThanOrEqual(20e6);
  expect((await spawnRound(["sh", "-c", "kill -9 $$"], { ignoreFailure: true })).exitCode).toBe(137);
  expect((await spawnRound(["true"], { ignoreFailure: true })).exitCode).toBeUndefined();
  // A command that cannot start is still an error: there is nothing to measure.
  expect((await failure(spawnRound(["pacer-no-such-command-xyz"], { ignoreFailure: true }))).code).toBe("E_RUN");
});

test("spawnRound names a command that cannot be started", async () => {
  const e = await failure(spawnRound(["pacer-no-such-command-xyz"]));
  expect(e.code).toBe("E_RUN");
  expect(e.message).toStartWith('Cannot start "pacer-no-such-command-xyz": ');
  expect(e.hint).toContain("PATH");
});

test("measureSpawnOverhead returns a positive median in nanoseconds", async () => {
  const ns = await measureSpawnOverhead(5);
  expect(ns).toBeGreaterThan(0);
  expect(Number.isFinite(ns)).toBe(true);
});
