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
import { collectOffline, comparable, copyFolder, exampleInGitRepo, runAndKeep, UNKNOWN_OUTCOME } from "../helpers/offline-collect.ts";
import { BINARY, ROOT } from "../helpers/pacer.ts";

setDefaultTimeout(300_000);
const hasPerf = !!Bun.which("perf");
const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function expectSameOffline(folder: string, live: unknown): Promise<void> {
  expect(comparable(await collectOffline(walltime, folder, UNKNOWN_OUTCOME))).toEqual(live as never);
  const copy = copyFolder(folder);
  try {
    expect(comparable(await collectOffline(walltime, copy.dir, UNKNOWN_OUTCOME))).toEqual(live as never);
  } finally {
    copy.dispose();
  }
}

describe.skipIf(!existsSync(BINARY))("walltime collect from the profile folder alone", () => {
  test.skipIf(!hasPerf)("exec under perf: the same rounds and the same folded-stack sample counts", async () => {
    const r = runAndKeep(["exec", "--mode", "walltime", "--skip-setup", "--warmup-time", "0", "--max-rounds", "3", "--", "sleep", "0.01"], ROOT);
    folders.push(r.folder);
    expect(r.code).toBe(0);
    expect(existsSync(`${r.folder}/walltime.run.json`)).toBe(true);
    expect((r.live!.benchmarks[0]!.detail as { samples?: number }).samples).toBeGreaterThan(0);
    await expectSameOffline(r.folder, comparable(r.live));
  });

  test.skipIf(!hasPerf)("tinybench under perf (in its own git repository): every benchmark, profiles included", async () => {
    const repo = exampleInGitRepo("tinybench");
    try {
      const r = runAndKeep(["run", "--mode", "walltime", "--skip-setup", "--", "node", "bench.mjs"], repo.dir);
      folders.push(r.folder);
      expect(r.code).toBe(0);
      expect(r.live!.benchmarks.length).toBeGreaterThan(1);
      await expectSameOffline(r.folder, comparable(r.live));
    } finally {
      repo.dispose();
    }
  });

  test("without perf: the results JSON alone", async () => {
    const r = runAndKeep(["exec", "--mode", "walltime", "--skip-setup", "--warmup-time", "0", "--max-rounds", "3", "--", "true"], ROOT, { CODSPEED_PERF_ENABLED: "false" });
    folders.push(r.folder);
    expect(r.code).toBe(0);
    await expectSameOffline(r.folder, comparable(r.live));
  });

  test("a folder without walltime.run.json is an E_RESULTS error naming the file", async () => {
    const empty = { dir: mkdtempSync(join(tmpdir(), "pacer-offline-empty-")) };
    folders.push(empty.dir);
    const err = await collectOffline(walltime, empty.dir, UNKNOWN_OUTCOME).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "E_RESULTS", message: expect.stringContaining(`Cannot read "${empty.dir}/walltime.run.json"`) });
  });
});
