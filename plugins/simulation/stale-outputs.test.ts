import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleOutputs } from "./stale-outputs.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test("removeStaleOutputs() removes callgrind files, valgrind logs and their perf maps, nothing else", () => {
  const dir = mkdtempSync(join(tmpdir(), "pacer-sim-stale-"));
  dirs.push(dir);
  const ours = ["20130.out", "exec-0.21645.out", "exec-12.7.out", "valgrind.log", "valgrind-exec-3.log", "perf-20130.map", "perf-7.map"];
  const theirs = ["runner.log", "pacer-run.json", "perf-999.map", "notes.out", "exec-a.1.out", "1.out.bak", "valgrind.log.1"];
  for (const name of [...ours, ...theirs]) writeFileSync(join(dir, name), "x");
  mkdirSync(join(dir, "42.out"));
  mkdirSync(join(dir, "results"));
  expect(removeStaleOutputs(dir).sort()).toEqual([...ours].sort());
  expect(readdirSync(dir).sort()).toEqual([...theirs, "42.out", "results"].sort());
  expect(existsSync(join(dir, "42.out"))).toBe(true);
  expect(removeStaleOutputs(dir)).toEqual([]);
});
