/**
 * `pacer run` without a command runs the config's `benchmarks:` through pacer's harness, with the
 * options merged CLI > target > root; a bad config names the file, key path and expected form.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPacer } from "../helpers/pacer.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("benchmarks: targets run when no command is given", async () => {
  writeFileSync(
    join(dir, "codspeed.yml"),
    "options:\n  warmup-time: 0\n  max-rounds: 4\nbenchmarks:\n  - name: short sleep\n    exec: sleep 0.001\n  - exec: \"true\"\n    options: { max-rounds: 2 }\n",
  );
  const r = await runPacer(["run", "--mode", "walltime", "--disable-perf", "--skip-upload", "--json"], { cwd: dir, timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { runs: Array<{ measurements: Array<{ benchmarks: Array<{ name: string; uri: string; metrics: { rounds: number } }> }> }> };
  const benches = out.runs[0]!.measurements[0]!.benchmarks;
  expect(benches.map((b) => [b.name, b.uri, b.metrics.rounds])).toEqual([
    ["short sleep", "exec_harness::short sleep", 4],
    ["true", "exec_harness::true", 2],
  ]);
}, 120_000);

test("an invalid config stops the run with the file, the key path and the expected form", async () => {
  const bad = join(dir, "bad");
  await Bun.write(join(bad, "pacer.yml"), "benchmarks:\n  - exec: true\n    options:\n      max-rounds: many\n");
  const r = await runPacer(["run", "--mode", "walltime", "--skip-upload"], { cwd: bad });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("pacer.yml");
  expect(r.stderr).toContain("benchmarks.0.options.max-rounds");
  expect(r.stderr).toContain("an integer >= 0");
});
