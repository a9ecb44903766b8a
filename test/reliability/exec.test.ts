// Hostile `pacer exec` invocations, run for real through the CLI: each is refused at once with
// E_USAGE (exit 2) naming the flag and the value, before any probe, spawn or profile folder. They
// used to pass validation and fail later inside the harness ("exited with code 2", exit 1).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary, runPacer } from "../helpers/pacer.ts";

let cwd = "";
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "pacer-exec-reliability-"));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

test.each<[string, string[], string]>([
  ["an empty program name", ["--", ""], 'The benchmark command is empty: the program name after "--" is ""'],
  ["a blank program name", ["--", "  ", "x"], 'The benchmark command is empty: the program name after "--" is "  "'],
  ["--max-rounds above 2^53", ["--max-rounds", "9007199254740993", "--", "true"], 'Invalid --max-rounds "9007199254740993": the largest number of rounds is 9007199254740991'],
  ["--max-rounds 1e20", ["--max-rounds", "1e20", "--", "true"], 'Invalid --max-rounds "1e20": expected a whole number'],
  ["--min-rounds with 20 digits", ["--min-rounds", "99999999999999999999", "--", "true"], 'Invalid --min-rounds "99999999999999999999": the largest number of rounds is 9007199254740991'],
  ["--min-rounds above --max-rounds", ["--min-rounds", "5", "--max-rounds", "2", "--", "true"], "Invalid walltime options: min rounds (5) cannot be greater than max rounds (2)"],
  ["--max-time beyond 104 days", ["--max-time", "99999999999h", "--", "true"], 'Invalid --max-time "99999999999h": the duration is too long'],
  ["two shell strings after -- (hyperfine's form)", ["--", "sleep 0.01", "sleep 0.02"], 'Cannot run "sleep 0.01" as a program: the words after "--" are one command and its arguments'],
  ["more --name than commands", ["--name", "a", "--name", "b", "--", "true"], "2 --name given for 1 command(s)"],
  ["a --parameter-scan without a range", ["--parameter-scan", "t=1-4", "--command", "true {t}"], 'Invalid --parameter-scan "t=1-4": expected a range "<min>..<max>"'],
  ["two benchmarks with one name", ["--command", "true", "--command", "true"], 'Two benchmarks are named "true"'],
])("exec refuses %s with exit 2 before running anything", async (_name, args, message) => {
  const r = await runPacer(["exec", "--skip-upload", ...args], { cwd, timeoutMs: 30_000 });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`[ERROR] ${message}`);
  expect(r.stderr).toContain("hint: ");
  // Nothing ran: no probe or harness output, no stack, nothing left in the working directory.
  expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(2);
  expect(r.stdout).toBe("");
  expect(await readdir(cwd)).toEqual([]);
}, 30_000);

const helperDirs = async (): Promise<string[]> => (await readdir(tmpdir())).filter((n) => n.startsWith("pacer-rusage-"));

/** Pids whose command line is exactly `argv`. */
async function pidsOf(argv: string[]): Promise<number[]> {
  const want = `${argv.join("\0")}\0`;
  const pids: number[] = [];
  for (const d of await readdir("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const cmdline = await readFile(`/proc/${d}/cmdline`, "utf8").catch(() => "");
    if (cmdline === want) pids.push(Number(d));
  }
  return pids;
}

test.skipIf(!hasBinary())("__rusage leaves nothing in /tmp nor a running command after a SIGINT to pacer alone (needs `npm run build`)", async () => {
  const before = await helperDirs();
  const out = join(cwd, "..", `rusage-${process.pid}.json`);
  // A duration no other test uses, to find the command among the machine's processes.
  const sleep = ["sleep", "7.25"];
  const proc = Bun.spawn([BINARY, "__rusage", out, "--", ...sleep], { stdio: ["ignore", "ignore", "pipe"] });
  try {
    await Bun.sleep(1000);
    expect(await pidsOf(sleep)).toHaveLength(1);
    // The helper is copied out of the executable and deleted as soon as it runs.
    expect(await helperDirs()).toEqual(before);
    proc.kill("SIGINT");
    expect(await proc.exited).not.toBe(0);
    // The helper learns that pacer died (parent-death signal) and stops the command.
    for (let i = 0; i < 40 && (await pidsOf(sleep)).length; i++) await Bun.sleep(50);
    expect(await pidsOf(sleep)).toEqual([]);
    expect(await helperDirs()).toEqual(before);
  } finally {
    proc.kill("SIGKILL");
    await rm(out, { force: true });
  }
}, 30_000);
