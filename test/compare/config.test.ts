/**
 * Every command that reads the config (compare, report, export, runs) loads it as `pacer run` does
 * (issue 10 item 6, compare part). Before, `compare` never printed the loader's findings (a top-level
 * `thresholdz:` passed silently) and a nested `thresholds: { defualt: 20% }` was ignored: the gate
 * fell back to 5 % and failed a change the user meant to allow.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation } from "../history/make-record.ts";

const CLI = join(import.meta.dir, "../../src/cli.ts");
const dir = mkdtempSync(join(tmpdir(), "pacer-compare-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = makeRecord({ measurements: [simulation()] });
const head = makeRecord({ measurements: [simulation({ "fib 20": 1.1 })] });
const h = openHistory({ cwd: dir });
for (const r of [base, head]) (h.begin(r), h.finish(r));
h.close();

function pacer(...args: string[]) {
  const r = Bun.spawnSync([process.execPath, CLI, ...args], { cwd: dir, env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", CI: "" } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

test("a nested thresholds typo is an error naming the key, not a silent 5 % gate", () => {
  writeFileSync(join(dir, "pacer.yml"), "thresholds:\n  defualt: 20%\n");
  const r = pacer("compare", base.id, head.id, "--check");
  expect(r.code).toBe(1);
  expect(r.err).toContain('thresholds.defualt: unknown key, did you mean "default"?');
  expect(r.err).not.toContain("regressed");
  writeFileSync(join(dir, "pacer.yml"), "thresholds:\n  default: 20%\n");
  expect(pacer("compare", base.id, head.id, "--check").code).toBe(0);
});

const COMMANDS: string[][] = [["compare", base.id, head.id], ["report", head.id, "-o", "r.html"], ["export", head.id, "--format", "csv"], ["runs"]];
test.each(COMMANDS.map((c) => [c[0]!, c] as const))(
  "%s reports a top-level typo in the config like run does",
  (_name, args) => {
    writeFileSync(join(dir, "pacer.yml"), "thresholdz:\n  default: 20%\n");
    const r = pacer(...args);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Invalid config "pacer.yml": thresholdz: unknown key, did you mean "thresholds"?');
  },
);
