// Hostile `pacer exec` invocations, run for real through the CLI: each is refused at once with
// E_USAGE (exit 2) naming the flag and the value, before any probe, spawn or profile folder. They
// used to pass validation and fail later inside the harness ("exited with code 2", exit 1).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPacer } from "../helpers/pacer.ts";

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
