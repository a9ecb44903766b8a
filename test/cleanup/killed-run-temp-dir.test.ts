/**
 * A `pacer exec --mode simulation` SIGKILLed while valgrind runs leaves its private temp folder
 * (no handler can run); the next pacer that makes one removes it, since its owner lock is free.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runPacer, which } from "../helpers/pacer.ts";
import { killIfAlive, pidIn, waitFor } from "../helpers/wait-for.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-killed-temp-test-"));
const temp = join(dir, "tmp");
const work = join(dir, "work");
let benchPid: number | undefined;
afterAll(() => {
  // valgrind and its program outlive a SIGKILLed pacer: end them.
  killIfAlive(benchPid);
  rmSync(dir, { recursive: true, force: true });
});

const simulationFolders = () => readdirSync(temp).filter((n) => n.startsWith("pacer-simulation-"));

test.skipIf(!which("valgrind"))("the temp folder of a SIGKILLed run is removed by the next run", async () => {
  for (const d of [temp, work]) mkdirSync(d);
  const pidFile = join(work, "bench.pid");
  const env = { ...process.env, TMPDIR: temp, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "" } as Record<string, string>;
  const proc = Bun.spawn([process.execPath, join(ROOT, "src/cli.ts"), "exec", "--mode", "simulation", "--skip-upload", "--", "sh", "-c", `echo $$ > ${pidFile}; exec sleep 60`], {
    cwd: work,
    env,
    stdout: "ignore",
    stderr: "ignore",
  });
  benchPid = await waitFor("the benchmark to start", () => pidIn(pidFile), 60_000);
  const [stale] = simulationFolders();
  expect(stale).toBeDefined();
  proc.kill("SIGKILL");
  await proc.exited;
  expect(simulationFolders()).toEqual([stale!]);

  const next = await runPacer(["exec", "--mode", "simulation", "--skip-upload", "--", "true"], { cwd: work, env: { TMPDIR: temp } });
  expect(next.code).toBe(0);
  expect(simulationFolders()).toEqual([]);
}, 120_000);
