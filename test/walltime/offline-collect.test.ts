/**
 * Issue 12 item 2: the walltime instrument collects a profile folder it did not run — perf data
 * folded again from `perf.pipedata` with the facts in `walltime.run.json` — to the measurement the
 * run printed, in place and in a copy elsewhere.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import walltime from "../../plugins/walltime/index.ts";
import { UNKNOWN_OUTCOME, collectOffline, expectSameOffline, expectTinybenchOffline, runAndKeep } from "../helpers/offline-collect.ts";
import { BINARY, ROOT } from "../helpers/pacer.ts";

// Waits for the machine-wide runner lock behind other jobs' runs, then runs pacer for real.
setDefaultTimeout(600_000);
const hasPerf = !!Bun.which("perf");
const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!existsSync(BINARY))("walltime collect from the profile folder alone", () => {
  test.skipIf(!hasPerf)("exec under perf: the same rounds and the same folded-stack sample counts", async () => {
    const r = runAndKeep(["exec", "--mode", "walltime", "--skip-setup", "--warmup-time", "0", "--max-rounds", "3", "--", "sleep", "0.01"], ROOT);
    folders.push(r.folder);
    expect(r.code).toBe(0);
    expect(existsSync(`${r.folder}/walltime.run.json`)).toBe(true);
    expect((r.live!.benchmarks[0]!.detail as { samples?: number }).samples).toBeGreaterThan(0);
    await expectSameOffline(walltime, r.folder, r.live);
  });

  test.skipIf(!hasPerf)("tinybench under perf (in its own git repository): every benchmark, profiles included", async () => {
    await expectTinybenchOffline("walltime", walltime, (f) => folders.push(f), ["--skip-setup"]);
  });

  test("without perf: the results JSON alone", async () => {
    const r = runAndKeep(["exec", "--mode", "walltime", "--skip-setup", "--warmup-time", "0", "--max-rounds", "3", "--", "true"], ROOT, { CODSPEED_PERF_ENABLED: "false" });
    folders.push(r.folder);
    expect(r.code).toBe(0);
    await expectSameOffline(walltime, r.folder, r.live);
  });

  // Without walltime.run.json (a CodSpeed runner's folder) collect falls back to the results JSON;
  // a folder with neither names the results folder it looked for.
  test("a folder with neither walltime.run.json nor results is an E_RESULTS error naming the results folder", async () => {
    const empty = { dir: mkdtempSync(join(tmpdir(), "pacer-offline-empty-")) };
    folders.push(empty.dir);
    const err = await collectOffline(walltime, empty.dir, UNKNOWN_OUTCOME).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining(`no results folder "${empty.dir}/results"`) });
  });
});
