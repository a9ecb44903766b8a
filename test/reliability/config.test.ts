/**
 * Config and plugin mistakes are never silent, and messages tell the truth: each case runs the
 * compiled binary on a real file (a real read-only tmpfs mount for the history), and asserts the
 * good behaviour.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation } from "../history/make-record.ts";
import { ROOT, hasBinary, runPacer } from "../helpers/pacer.ts";

const PLUGINS = join(ROOT, "test/fixtures/plugins");
const base = mkdtempSync(join(tmpdir(), "pacer-reliability-config-"));
afterAll(() => {
  if (mounted) Bun.spawnSync(["umount", join(base, "ro-mnt")]);
  rmSync(base, { recursive: true, force: true });
});

let n = 0;
/** A fresh project folder (a git root, so nothing above it is read) holding `pacer.yml`. */
function project(yaml: string): string {
  const dir = join(base, String(n++));
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFileSync(join(dir, "pacer.yml"), yaml);
  return dir;
}

/** A billion-laughs document: each level aliases the previous one ten times. */
function aliasBomb(levels: number): string {
  const lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  return lines.join("\n") + "\n";
}

const run = (dir: string, args: string[], env: Record<string, string> = {}) => runPacer(args, { binary: true, cwd: dir, env });
const oneResult = ["run", "--skip-upload", "--mode", "one-result", "--plugin", join(PLUGINS, "one-result.ts"), "--", "true"];

describe.skipIf(!hasBinary())("config mistakes fail with the file, the key path and a suggestion", () => {
  test.each([
    ["compare", "thresholds:\n  defualt: 2%\n", ["compare", "--check"], `thresholds.defualt: unknown key, did you mean "default"?`],
    ["compare", "optoins:\n  max-rounds: 5\n", ["compare", "--check"], `optoins: unknown key, did you mean "options"?`],
    ["runs", "history:\n  pth: elsewhere.db\n", ["runs"], `history.pth: unknown key, did you mean "path"?`],
    ["exec", "options:\n  max-rounds: 9007199254740993\n", ["exec", "--", "true"], "options.max-rounds: expected an integer of at most 9007199254740991"],
    ["exec", "options:\n  max-time: 1e20\n", ["exec", "--", "true"], "options.max-time: expected a duration of at most 104 days"],
    ["run", "benchmarks:\n  - exec: \"true\"\n    options:\n      max_rounds: 1\n", ["run", "--skip-upload"], `benchmarks.0.options.max_rounds: unknown key, did you mean "max-rounds"?`],
  ])("`pacer %s` with %j", async (_cmd, yaml, args, message) => {
    const r = await run(project(yaml), args);
    expect(r.stderr).toContain(`Invalid config "pacer.yml": ${message}`);
    expect(r.stderr).not.toContain("Unexpected error");
    expect(r.code).toBe(1);
  }, 60_000);

  test("a YAML alias bomb is refused naming the file and the line, quickly", async () => {
    const dir = project(aliasBomb(9));
    const started = performance.now();
    const r = await run(dir, ["runs"]);
    expect(r.stderr).toContain(`Cannot parse config "pacer.yml": aliases expand more than 100 times at line 3`);
    expect(r.stderr).not.toContain("Unexpected error");
    expect(r.code).toBe(1);
    // Generous: the point is that 10^9 nodes are never built (that would take minutes and gigabytes).
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  test("an alias used before its anchor names the file and the line", async () => {
    const r = await run(project("options: *opts\nx: &opts { max-rounds: 1 }\n"), ["runs"]);
    expect(r.stderr).toContain(`Cannot parse config "pacer.yml": Unresolved alias at line 1`);
    expect(r.code).toBe(1);
  }, 60_000);
});

describe.skipIf(!hasBinary())("plugins and instruments", () => {
  test("a plugin column in an unknown unit fails the run naming the plugin, the column and the unit", async () => {
    const r = await run(project(""), ["run", "--skip-upload", "--mode", "bad-unit", "--plugin", join(PLUGINS, "bad-unit.ts"), "--", "true"]);
    expect(r.stderr).toContain(`[plugin bad-unit] collect: column "time" has unknown unit "ms" (expected one of "seconds", "bytes", "count", "percent", "text")`);
    expect(r.code).toBe(1);
  }, 60_000);

  test("instruments for an unknown plugin or a plugin without options are warned about; the run goes on", async () => {
    // one-result declares no options (the three built-ins all do).
    const r = await run(project("instruments:\n  walltme: { perf: false }\n  one-result: { perf: false }\n"), oneResult);
    expect(r.stderr).toContain(`Ignoring "instruments.walltme": no loaded plugin is named "walltme", did you mean "walltime"?`);
    expect(r.stderr).toContain(`Ignoring "instruments.one-result": plugin "one-result" takes no options`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("One Result Instrument");
  }, 60_000);

  test("an option simulation does not have is an error naming the ones it has", async () => {
    const r = await run(project("instruments:\n  simulation: { perf: false }\n"), oneResult);
    expect(r.stderr).toContain(`Invalid options for plugin "simulation" (builtin): perf: unknown key (expected one of "cycleEstimation", "excludeAllocations")`);
    expect(r.code).toBe(1);
  }, 60_000);

  test("a typo in the options of a plugin outside this run's mode is still an error", async () => {
    const r = await run(project("instruments:\n  memory: { capacty: 10 }\n"), oneResult);
    expect(r.stderr).toContain(`Invalid options for plugin "memory" (builtin): capacty: unknown key, did you mean "capacity"?`);
    expect(r.code).toBe(1);
  }, 60_000);
});

const isRoot = process.getuid?.() === 0;

// Mounted before the tests are declared, so a machine that refuses the mount skips them.
const mnt = join(base, "ro-mnt");
const sh = (argv: string[]) => Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe" }).exitCode;
let mounted = false;
let id = "";
if (isRoot) {
  mkdirSync(mnt, { recursive: true });
  mounted = sh(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt]) === 0;
  if (mounted) {
    const h = openHistory({ cwd: base, path: join(mnt, "history.db") });
    const record = makeRecord({ command: "seeded", measurements: [simulation()] });
    id = record.id;
    h.begin(record);
    h.finish(record);
    h.close();
    if (sh(["mount", "-o", "remount,ro", mnt]) !== 0) {
      sh(["umount", mnt]);
      mounted = false;
    }
  }
}
if (!mounted) console.warn("read-only history cases skipped: they need root and a tmpfs mount");

describe.skipIf(!hasBinary() || !mounted)("a history on a read-only mount (real tmpfs, needs root)", () => {

  test("a run proceeds, says it is not saved, and leaves the database as it was", async () => {
    const path = join(mnt, "history.db");
    const before = readFileSync(path);
    const r = await run(project(`history:\n  path: ${path}\n`), oneResult, { PACER_HISTORY: "1" });
    expect(r.stderr).toContain(`The history "${path}" is read-only: the file is on a read-only file system; this run is not saved in it`);
    expect(r.stderr).not.toContain("remove it");
    expect(r.stderr.match(/is read-only/g)?.length).toBe(1);
    // Nor does the closing line claim otherwise.
    expect(r.stderr).toMatch(/Run "[^"]+" not kept in the local history; profile folder: /);
    expect(r.stderr).not.toMatch(/Run "[^"]+" saved/);
    expect(r.code).toBe(0);
    expect(readFileSync(path).equals(before)).toBe(true);
  }, 60_000);

  test("`pacer runs` and `pacer compare` still read it", async () => {
    const dir = project(`history:\n  path: ${join(mnt, "history.db")}\n`);
    const runs = await run(dir, ["runs"]);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(id);
    const compare = await run(dir, ["compare", id, id]);
    expect(compare.stderr).not.toContain("read-only");
    expect(compare.code).toBe(0);
  }, 60_000);
});
