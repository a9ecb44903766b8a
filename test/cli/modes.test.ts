/**
 * A comma list of modes runs each mode in turn, each with its own profile folder; `--json` keeps
 * stdout machine-readable even when the benchmark prints.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPacer } from "../helpers/pacer.ts";

const profile = mkdtempSync(join(tmpdir(), "pacer-modes-"));
afterAll(() => rmSync(profile, { recursive: true, force: true }));

test("--mode walltime,memory runs both, in order, with --json on a clean stdout", async () => {
  const r = await runPacer(
    ["exec", "--mode", "walltime,memory", "--json", "--skip-upload", "--disable-perf", "--profile-folder", profile,
      "--max-rounds", "2", "--warmup-time", "0", "--", "/bin/echo", "printed by the benchmark"],
    { timeoutMs: 180_000 },
  );
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { runs: Array<{ mode: string; profileFolder: string; measurements: Array<{ instrument: string; benchmarks: unknown[] }> }> };
  expect(out.runs.map((x) => x.mode)).toEqual(["walltime", "memory"]);
  expect(out.runs.map((x) => x.profileFolder)).toEqual([join(profile, "walltime"), join(profile, "memory")]);
  for (const run of out.runs) expect(run.measurements[0]!.benchmarks).toHaveLength(1);
  expect(r.stderr).toContain("printed by the benchmark");
  expect(readdirSync(join(profile, "walltime"))).toContain("runner.log");
}, 180_000);
