/**
 * `pacer plugin init <name>` (compiled binary) writes a typed plugin in a folder outside the
 * repository; the repository's tsc typechecks it against the embedded `pacer-plugin.d.ts` alone, and
 * the binary runs it with `--plugin`.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, ROOT, hasBinary } from "../helpers/pacer.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-plugin-init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[]) => {
  // TMPDIR: the run's default profile folder (`$TMPDIR/profile.*.out`) is removed with the rest.
  const env = { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", TMPDIR: dir };
  const r = Bun.spawnSync(argv, { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
};

describe.skipIf(!hasBinary())("pacer plugin init (needs `npm run build`)", () => {
  test("writes a skeleton that typechecks outside the repository and runs", () => {
    const init = run([BINARY, "plugin", "init", "energy"]);
    expect(init.code, init.err).toBe(0);
    expect(readFileSync(join(dir, "energy.ts"), "utf8")).toContain('from "pacer"');
    const tsc = run([join(ROOT, "node_modules/.bin/tsc"), "-p", dir]);
    expect(tsc.out + tsc.err).toBe("");
    expect(tsc.code).toBe(0);
    const exec = run([BINARY, "exec", "--skip-upload", "--plugin", "energy.ts", "--max-rounds", "2", "--warmup-time", "0", "--", "sleep", "0.05"]);
    expect(exec.code, exec.err).toBe(0);
    expect(exec.out).toContain("Energy Instrument");
    expect(exec.out).toContain("whole command");
  }, 120_000);

  test("the skeleton's types catch a mistake", () => {
    const src = readFileSync(join(dir, "energy.ts"), "utf8");
    writeFileSync(join(dir, "energy.ts"), src.replace('unit: "seconds"', 'unit: "parsecs"'));
    const tsc = run([join(ROOT, "node_modules/.bin/tsc"), "-p", dir]);
    expect(tsc.code).not.toBe(0);
    expect(tsc.out).toContain('"parsecs"');
    writeFileSync(join(dir, "energy.ts"), src);
  }, 120_000);

  test("refuses to overwrite a plugin and a bad name", () => {
    const again = run([BINARY, "plugin", "init", "energy"]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("the file exists");
    const bad = run([BINARY, "plugin", "init", "Bad_Name"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Invalid plugin name "Bad_Name"');
  }, 120_000);
});
