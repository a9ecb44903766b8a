/**
 * `pacer run` killed with SIGKILL while its benchmark runs: the next pacer command finds the run
 * marked `partial` and the database sound.
 */
import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killIfAlive, pidIn, waitFor } from "../helpers/wait-for.ts";

const ROOT = join(import.meta.dir, "../..");
const CLI = join(ROOT, "src/cli.ts");
const dir = mkdtempSync(join(tmpdir(), "pacer-killed-run-"));
let benchPid: number | undefined;
afterAll(() => {
  // The benchmark runs in its own process group and outlives a SIGKILLed pacer: end it.
  killIfAlive(benchPid);
  rmSync(dir, { recursive: true, force: true });
});

test.skipIf(!existsSync(CLI))("a pacer run killed half-way is marked partial, the store stays sound", async () => {
  const pidFile = join(dir, "bench.pid");
  const db = join(dir, ".pacer", "history.db");
  const env = { ...process.env, GITHUB_ACTIONS: "", CI: "" };
  const proc = Bun.spawn([process.execPath, CLI, "run", "--mode", "walltime", "--skip-upload", "--allow-empty", "--disable-perf", "--", `echo $$ > ${pidFile}; exec sleep 60`], {
    cwd: dir,
    env,
    stdout: "ignore",
    stderr: "pipe",
  });
  benchPid = await waitFor("the benchmark to start", () => pidIn(pidFile));
  const running = await waitFor("the running row", () => {
    if (!existsSync(db)) return undefined;
    const h = new Database(db, { readonly: true });
    try {
      return (h.query("SELECT id, status FROM runs").get() as { id: string; status: string } | null) ?? undefined;
    } catch {
      return undefined; // the schema is being created
    } finally {
      h.close();
    }
  });
  expect(running.status).toBe("running");
  proc.kill("SIGKILL");
  await proc.exited;

  const runs = Bun.spawnSync([process.execPath, CLI, "runs"], { cwd: dir, env });
  expect(runs.exitCode).toBe(0);
  expect(runs.stdout.toString()).toMatch(new RegExp(`${running.id} +partial +walltime`));
  const h = new Database(db, { readonly: true });
  expect((h.query("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
  expect((h.query("SELECT status FROM runs WHERE id = ?").get(running.id) as { status: string }).status).toBe("partial");
  h.close();
}, 60_000);
