import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hyperfineResult, markdownTable } from "./exec-exports.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-exports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasHyperfine = Bun.which("hyperfine") !== null;

const rounds = { times_ns: [10e6, 12e6, 11e6], user_ns: [1e6, 1e6, 1e6], sys_ns: [2e6, 2e6, 2e6], exit_codes: [0, 0, 0] };

test("hyperfineResult: seconds, sample stddev, median, mean user and system", () => {
  const r = hyperfineResult("a", rounds);
  expect(r.mean).toBeCloseTo(0.011, 15);
  expect(r).toMatchObject({ command: "a", median: 0.011, min: 0.01, max: 0.012, user: 0.001, system: 0.002, times: [0.01, 0.012, 0.011], exit_codes: [0, 0, 0] });
  expect(r.stddev).toBeCloseTo(0.001, 12);
  expect("parameters" in r).toBe(false);
});

test.skipIf(!hasHyperfine)("the JSON export has the keys of hyperfine's own --export-json (with and without parameters)", () => {
  const out = join(dir, "hf.json");
  const r = Bun.spawnSync(["hyperfine", "-N", "--runs", "2", "-L", "n", "1", "--export-json", out, "true {n}"], { stdout: "ignore", stderr: "pipe" });
  expect(r.exitCode).toBe(0);
  const theirs = JSON.parse(readFileSync(out, "utf8")).results[0];
  const ours = hyperfineResult("true 1", { ...rounds, parameters: { n: "1" } });
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  expect(Object.keys(ours.parameters!)).toEqual(Object.keys(theirs.parameters));
  const { parameters: _p, ...plain } = theirs;
  expect(Object.keys(hyperfineResult("x", rounds)).sort()).toEqual(Object.keys(plain).sort());
});

test("the Markdown export is hyperfine's table, Relative to the first command", () => {
  const md = markdownTable([
    { name: "a|b", rounds: { ...rounds, relative: { ratio: 1, ratio_stddev: 0.1 } } },
    { name: "c", rounds: { ...rounds, relative: { ratio: 2.034, ratio_stddev: 0.051 } } },
  ]);
  expect(md).toBe(
    "| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |\n|:---|---:|---:|---:|---:|\n" +
      "| `a\\|b` | 11.0 ± 1.0 | 10.0 | 12.0 | 1.00 |\n| `c` | 11.0 ± 1.0 | 10.0 | 12.0 | 2.03 ± 0.05 |\n",
  );
});
