// End to end: the tinybench example (real @codspeed/tinybench-plugin, which the CodSpeed runner
// rejects in memory mode) under `pacer run --mode memory`: one row per benchmark, non-zero numbers.
import { expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { memoryMetrics, pacer } from "./cli.ts";
import { ensurePreload } from "./memory-driver.ts";

const ROOT = join(import.meta.dir, "..", "..");
const hasNode = spawnSync("node", ["--version"]).status === 0;

test.skipIf(!hasNode)("pacer run --mode memory measures each tinybench benchmark of codspeed-node", async () => {
  await ensurePreload();
  const maps = () => new Set(readdirSync("/tmp").filter((n) => /^perf-\d+\.map$/.test(n)));
  const before = maps();
  const r = pacer(["run", "--mode", "memory", "--skip-upload", "--json", "--", "node", "examples/tinybench/bench.mjs"], ROOT, 180_000);
  expect(r.stderr).not.toContain("[ERROR]");
  expect(r.code).toBe(0);
  const { metrics, notes } = memoryMetrics(r.stdout);
  expect(Object.keys(metrics).sort()).toEqual(["demo::array sort 1k", "demo::fib 15", "demo::json roundtrip"]);
  for (const m of Object.values(metrics)) {
    expect(m.alloc_count).toBeGreaterThan(0);
    expect(m.total_allocated_bytes).toBeGreaterThan(0);
    expect(m.peak_bytes).toBeGreaterThan(0);
    expect(m.peak_bytes).toBeLessThanOrEqual(m.total_allocated_bytes!);
  }
  expect(notes.join("\n")).toContain("A realloc counts as one allocation of its new size");
  // @codspeed/core writes /tmp/perf-<pid>.map in memory mode too; no instrument keeps it, so the
  // run removes it.
  expect([...maps()].filter((n) => !before.has(n))).toEqual([]);
}, 200_000);
