// `pacer exec` with several commands, shell strings, parameters, prepare/conclude and the exports,
// run for real through the built binary (walltime with perf off, so the machine's perf state does
// not matter; simulation under real valgrind). Run under `flock /tmp/pacer-tests.lock`.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
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

test.skipIf(!hasBinary() || !which("hyperfine"))("hyperfine's --runs, --warmup and --ignore-failure: exactly n rounds after n warmup rounds, failing rounds measured with their status, as hyperfine records them", async () => {
  const ours = join(dir, "ignore-failure.json");
  const theirs = join(dir, "hyperfine-ignore-failure.json");
  const failing = "sleep 0.01; exit 3";
  const args = ["--runs", "5", "--warmup", "2", "--ignore-failure", "--export-json"];
  const r = await runPacer(["exec", "--skip-upload", "--skip-setup", "--disable-perf", "--json", "--profile-folder", join(dir, "ignore-failure"), ...args, ours, "--command", failing, "--", "true"], {
    binary: true,
    cwd: dir,
    timeoutMs: 90_000,
  });
  expect(r.code, r.stderr.slice(-1500)).toBe(0);
  const b = benchmarksOf(r.stdout);
  expect(b.map((x) => x.detail.exec.exit_codes)).toEqual([[3, 3, 3, 3, 3], [0, 0, 0, 0, 0]]);
  expect(b.map((x) => x.detail.exec.times_ns.length)).toEqual([5, 5]);
  // The failing command still slept: its rounds are measured, not dropped.
  expect(Math.min(...b[0]!.detail.exec.times_ns)).toBeGreaterThan(5e6);
  expect(r.stderr.match(/Completed 2 warmup rounds/g)).toHaveLength(2);
  expect(r.stderr).toContain(`[WARN] 5 of 5 rounds of ${failing} exited non-zero (status 3): measured anyway (--ignore-failure)`);
  // hyperfine with the same flags: the same rounds and statuses in the same export.
  const h = Bun.spawnSync(["hyperfine", "-N", "--style", "none", ...args, theirs, "--", "sh -c 'sleep 0.01; exit 3'", "true"], { cwd: dir });
  expect(h.exitCode, h.stderr.toString()).toBe(0);
  const shape = (file: string) => JSON.parse(readFileSync(file, "utf8")).results.map((x: { exit_codes: number[]; times: number[] }) => ({ exit_codes: x.exit_codes, runs: x.times.length }));
  expect(shape(ours)).toEqual(shape(theirs));
  // Without the flag the first failing round ends the run with a hint naming it.
  const strict = await runPacer(["exec", "--skip-upload", "--skip-setup", "--disable-perf", "--profile-folder", join(dir, "strict"), "--runs", "2", "--warmup", "0", "--", "sh", "-c", "exit 3"], { binary: true, cwd: dir, timeoutMs: 90_000 });
  expect(strict.code).toBe(1);
  expect(strict.stderr).toContain("Command exited with non-zero status: exit status: 3");
  expect(strict.stderr).toContain("--ignore-failure");
}, 120_000);

test.skipIf(!hasBinary() || !which("valgrind"))("--ignore-failure under simulation: the failing command is measured with a warning, the next one still runs", async () => {
  const r = await runPacer(["exec", "--skip-upload", "--mode", "simulation", "--json", "--ignore-failure", "--profile-folder", join(dir, "sim-fail"), "--command", "exit 3", "--command", "true"], { binary: true, cwd: dir, timeoutMs: 120_000 });
  expect(r.code, r.stderr.slice(-1500)).toBe(0);
  expect(benchmarksOf(r.stdout).map((x) => x.name)).toEqual(["exit 3", "true"]);
  expect(r.stderr).toContain('"exit 3" exited with status 3 under valgrind: measured anyway (--ignore-failure)');
  const strict = await runPacer(["exec", "--skip-upload", "--mode", "simulation", "--profile-folder", join(dir, "sim-strict"), "--command", "exit 3"], { binary: true, cwd: dir, timeoutMs: 120_000 });
  expect(strict.code).toBe(1);
  expect(strict.stderr).toContain('The command "exit 3" failed under valgrind with exit code "3"');
}, 150_000);

test.skipIf(!hasBinary())("--ignore-failure under memory: the failing command's window is measured, with a warning", async () => {
  const r = await runPacer(["exec", "--skip-upload", "--skip-setup", "--mode", "memory", "--json", "--ignore-failure", "--profile-folder", join(dir, "mem-fail"), "--", "sh", "-c", "exit 3"], { binary: true, cwd: dir, timeoutMs: 120_000 });
  expect(r.code, r.stderr.slice(-1500)).toBe(0);
  expect(benchmarksOf(r.stdout).map((x) => x.name)).toEqual(["sh -c exit 3"]);
  expect(r.stderr).toContain('"sh -c exit 3" exited with status 3: measured anyway (--ignore-failure)');
  const strict = await runPacer(["exec", "--skip-upload", "--skip-setup", "--mode", "memory", "--profile-folder", join(dir, "mem-strict"), "--", "sh", "-c", "exit 3"], { binary: true, cwd: dir, timeoutMs: 120_000 });
  expect(strict.code).toBe(1);
  expect(strict.stderr).toContain("exit status: 3");
}, 150_000);

test.skipIf(!hasBinary())("--runs with --max-rounds, or --warmup with --warmup-time, exits 2 before anything runs", async () => {
  const base = ["exec", "--skip-upload", "--skip-setup", "--disable-perf", "--profile-folder", join(dir, "conflict")];
  const a = await runPacer([...base, "--runs", "3", "--max-rounds", "4", "--", "true"], { binary: true, cwd: dir });
  expect(a.code).toBe(2);
  expect(a.stderr).toContain("--runs 3 cannot be combined with --max-rounds");
  const b = await runPacer([...base, "--warmup", "1", "--warmup-time", "1s", "--", "true"], { binary: true, cwd: dir });
  expect(b.code).toBe(2);
  expect(b.stderr).toContain("--warmup 1 and --warmup-time 1s both set the warmup");
  expect(b.stderr).not.toContain("Checking the instruments");
});
