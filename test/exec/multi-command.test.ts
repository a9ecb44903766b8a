// `pacer exec` with several commands, shell strings, parameters, prepare/conclude and the exports,
// run for real through the built binary (walltime with perf off, so the machine's perf state does
// not matter; simulation under real valgrind). Run under `flock /tmp/pacer-tests.lock`.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBinary, runPacer, which } from "../helpers/pacer.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pacer-exec-multi-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const FAST = ["--skip-upload", "--skip-setup", "--disable-perf", "--warmup-time", "0", "--max-rounds", "4"];
const exec = (args: string[]) => runPacer(["exec", ...FAST, "--profile-folder", join(dir, `p${Math.random()}`), ...args], { binary: true, cwd: dir, timeoutMs: 90_000 });

interface Bench {
  name: string;
  metrics: Record<string, number | string>;
  detail: { exec: { times_ns: number[]; user_ns: number[]; sys_ns: number[]; exit_codes: number[]; shell_overhead_ns: number; parameters?: Record<string, string> } };
}
const benchmarksOf = (stdout: string): Bench[] => JSON.parse(stdout).runs[0].measurements[0].benchmarks;

test.skipIf(!hasBinary())("several commands: one benchmark each, compared to the first, raw rounds in --json, hyperfine exports", async () => {
  const ej = join(dir, "out.json");
  const em = join(dir, "out.md");
  const r = await exec(["--json", "--command", "true", "--command", "sleep 0.05", "--name", "noop", "--name", "fifty", "--export-json", ej, "--export-markdown", em, "--", "sleep", "0.01"]);
  expect(r.stderr).not.toContain("[ERROR]");
  expect(r.code).toBe(0);
  const b = benchmarksOf(r.stdout);
  expect(b.map((x) => x.name)).toEqual(["noop", "fifty", "sleep 0.01"]);
  for (const x of b) {
    expect(x.detail.exec.times_ns).toHaveLength(4);
    expect(x.detail.exec.user_ns).toHaveLength(4);
    expect(x.detail.exec.sys_ns).toHaveLength(4);
    expect(x.detail.exec.exit_codes).toEqual([0, 0, 0, 0]);
    expect(typeof x.metrics.user_time).toBe("number");
  }
  // Shell strings have the shell's cost subtracted; the argv after -- is spawned directly.
  expect(b[0]!.detail.exec.shell_overhead_ns).toBeGreaterThan(0);
  expect(b[2]!.detail.exec.shell_overhead_ns).toBe(0);
  expect(b[0]!.metrics.relative).toBe("1.00");
  // sleep 0.05 against a no-op: slower whatever the load (a lower bound only).
  expect(b[1]!.metrics.relative_ratio as number).toBeGreaterThan(1);
  expect(r.stderr).toContain("Measuring 3 commands interleaved");
  const hf = JSON.parse(await readFile(ej, "utf8")).results;
  expect(hf.map((x: { command: string }) => x.command)).toEqual(["noop", "fifty", "sleep 0.01"]);
  expect(Object.keys(hf[0]).sort()).toEqual(["command", "exit_codes", "max", "mean", "median", "min", "stddev", "system", "times", "user"]);
  expect(hf[1].median).toBeGreaterThanOrEqual(0.05 - 0.02); // shell cost subtracted: never far below the sleep
  const md = await readFile(em, "utf8");
  expect(md.split("\n")[0]).toBe("| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |");
  expect(md).toContain("| `noop` |");
}, 120_000);

test.skipIf(!hasBinary())("rounds are interleaved, with --prepare and --conclude around each round", async () => {
  const log = join(dir, "order.log");
  const r = await exec(["--command", `echo a >> ${log}`, "--command", `echo b >> ${log}`, "--prepare", `echo p >> ${log}`, "--conclude", `echo c >> ${log}`, "--max-rounds", "3"]);
  expect(r.code).toBe(0);
  const order = (await readFile(log, "utf8")).split("\n").filter(Boolean).join("");
  expect(order).toBe("pacpbc".repeat(3));
}, 120_000);

test.skipIf(!hasBinary())("a single shell string after -- runs in the shell (it used to fail as \"not found\")", async () => {
  const r = await exec(["--json", "--", "sleep 0.01 | cat"]);
  expect(r.stderr).not.toContain("Cannot start");
  expect(r.code).toBe(0);
  expect(benchmarksOf(r.stdout).map((x) => x.name)).toEqual(["sleep 0.01 | cat"]);
}, 120_000);

test.skipIf(!hasBinary())("a parameter list expands to one benchmark per value, hyperfine's -L spelling too", async () => {
  const r = await exec(["--json", "-L", "n", "1,2", "--command", "exit 0 # {n}", "--name", "case {n}"]);
  expect(r.code).toBe(0);
  const b = benchmarksOf(r.stdout);
  expect(b.map((x) => x.name)).toEqual(["case 1", "case 2"]);
  expect(b.map((x) => x.detail.exec.parameters)).toEqual([{ n: "1" }, { n: "2" }]);
}, 120_000);

test.skipIf(!hasBinary() || !which("valgrind"))("simulation takes the same commands: two benchmarks", async () => {
  const r = await runPacer(["exec", "--skip-upload", "--mode", "simulation", "--json", "--profile-folder", join(dir, "sim"), "--command", "true", "--command", "ls / >/dev/null"], { binary: true, cwd: dir, timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  expect(benchmarksOf(r.stdout).map((x) => x.name)).toEqual(["true", "ls / >/dev/null"]);
}, 150_000);

test.skipIf(!hasBinary())("names that do not pair with the commands exit 2 before anything runs", async () => {
  const r = await exec(["--name", "a", "--name", "b", "--", "true"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("[ERROR] 2 --name given for 1 command(s)");
  expect(r.stderr).not.toContain("Checking the instruments");
});

test.skipIf(!hasBinary())("a failing --prepare is named as such, not as the benchmark failing", async () => {
  const r = await exec(["--command", "true", "--prepare", "exit 3"]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('The --prepare command "exit 3" of "true" failed: exit status: 3');
  expect(r.stderr).not.toContain("Unexpected error");
}, 120_000);
