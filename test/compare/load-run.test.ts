import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareAfterRun } from "../../src/commands/compare.ts";
import { loadRun } from "../../src/compare/load-run.ts";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation } from "../history/make-record.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-load-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadRun()", () => {
  const run = makeRecord({ measurements: [simulation()] });
  const profile = join(dir, "profile.abc.out");
  mkdirSync(profile);
  writeFileSync(join(profile, "pacer-run.json"), JSON.stringify(run));
  const history = openHistory({ cwd: dir, path: "h.db" });

  test("reads a profile folder", async () => {
    expect((await loadRun(history, dir, "profile.abc.out")).id).toBe(run.id);
  });

  test.each([["tar.gz", ["-czf"]], ["tar", ["-cf"]]])("reads a .%s profile archive made by tar", async (ext, flags) => {
    const archive = join(dir, `profile.${ext}`);
    expect(Bun.spawnSync(["tar", ...flags, archive, "-C", profile, "."]).exitCode).toBe(0);
    expect((await loadRun(history, dir, archive)).measurements[0]!.benchmarks[1]!.metrics.ir).toBe(14_218_530);
  });

  test("reads the .tar.zst archive pacer uploads", async () => {
    const { createProfileArchive } = await import("../../src/upload/archive.ts");
    const archive = await createProfileArchive(profile, { encoding: "zstd", outPath: join(dir, "upload.tar.zst") });
    expect((await loadRun(history, dir, archive.path)).id).toBe(run.id);
  });

  test("names the ref it cannot find", async () => {
    await expect(loadRun(history, dir, "nope")).rejects.toThrow(`No recorded run matches "nope"`);
    mkdirSync(join(dir, "empty"));
    await expect(loadRun(history, dir, "empty")).rejects.toThrow(`No recorded run matches "empty"`);
  });
});

describe("compareAfterRun()", () => {
  test("returns 1 on a regression against the base branch, 0 with a looser threshold", async () => {
    const cwd = join(dir, "project");
    mkdirSync(cwd);
    const h = openHistory({ cwd });
    const base = makeRecord({ measurements: [simulation()] });
    const head = makeRecord({ git: { commit: "b".repeat(40), branch: "feature", dirty: false, root: null }, measurements: [simulation({ "fib 15": 1.5 })] });
    for (const r of [base, head]) (h.begin(r), h.finish(r));
    h.close();
    expect(await compareAfterRun({ cwd, base: "main", headRunId: head.id, check: true })).toBe(1);
    expect(await compareAfterRun({ cwd, base: "main", headRunId: head.id, check: true, configThresholds: { default: "60%" } })).toBe(0);
    expect(await compareAfterRun({ cwd, base: "main", headRunId: head.id, check: false })).toBe(0);
  });
});
