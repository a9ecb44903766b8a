/**
 * Issue 12 item 2: the memory instrument collects a profile folder it did not run (its artifacts
 * and `memory.run.json`) to the measurement the run printed, in place and in a copy elsewhere.
 * The in-process runs of test/memory (memory-driver.ts) check the same after every collect.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import memory from "../../plugins/memory/index.ts";
import { expectSameOffline, expectTinybenchOffline, runAndKeep } from "../helpers/offline-collect.ts";
import { hasBinary } from "../helpers/pacer.ts";
import { compile, hasCompiler } from "./memory-driver.ts";

// Waits for the machine-wide runner lock behind other jobs' runs, then runs pacer for real.
setDefaultTimeout(600_000);
const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!hasBinary())("memory collect from the profile folder alone (needs dist/pacer)", () => {
  test.skipIf(!hasCompiler)("exec of a C program: the same peak, total and count", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-offline-mem-"));
    folders.push(dir);
    const exe = compile("malloc-free.c", dir);
    const r = runAndKeep(["exec", "--mode", "memory", "--", exe], dir);
    folders.push(r.folder);
    expect(r.code).toBe(0);
    expect(existsSync(join(r.folder, "memory.run.json"))).toBe(true);
    expect(r.live!.benchmarks[0]!.metrics.alloc_count).toBeGreaterThan(0);
    await expectSameOffline(memory, r.folder, r.live);
  });

  test("tinybench (in its own git repository): every benchmark window", async () => {
    await expectTinybenchOffline("memory", memory, (f) => folders.push(f));
  });
});
