// Runs the real shim with the real node and the real @codspeed/tinybench-plugin.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeNodeShim } from "./node-shim.ts";

const ROOT = resolve(import.meta.dir, "../..");
const FIXTURES = join(ROOT, "test/fixtures/exec");
const hasNode = Bun.which("node") !== null;

let work = "";
let shimDir = "";

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pacer-node-shim-"));
  shimDir = join(work, "shim");
  await writeNodeShim(shimDir);
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface RunLine {
  introspecting: boolean;
  execArgv: string[];
  argv: string[];
}

async function runNode(args: string[], env: Record<string, string>, opts: { shim?: boolean; path?: string } = {}) {
  const runLog = join(work, `runs-${crypto.randomUUID()}.jsonl`);
  const tmp = await mkdtemp(join(work, "tmp-"));
  const path = opts.path ?? (opts.shim === false ? process.env.PATH! : `${shimDir}:${process.env.PATH}`);
  const proc = Bun.spawn(["node", ...args], {
    cwd: ROOT,
    env: { HOME: process.env.HOME ?? "/root", PATH: path, TMPDIR: tmp, PACER_TEST_RUN_LOG: runLog, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const runs: RunLine[] = (await readFile(runLog, "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { stdout, stderr, code, runs, leftovers: await readdir(tmp) };
}

const CODSPEED_ENV = { CODSPEED_ENV: "runner", CODSPEED_RUNNER_MODE: "instrumentation" };
const SUITE = join(FIXTURES, "tinybench-suite.mjs");

describe.skipIf(!hasNode)("node shim (needs node on PATH)", () => {
  test("without the shim, the CodSpeed suite crashes on the natives syntax (control)", async () => {
    const r = await runNode([SUITE], CODSPEED_ENV, { shim: false });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("SyntaxError: Unexpected token '%'");
  }, 20_000);

  test("a CodSpeed tinybench suite runs with the V8 flags it asked for", async () => {
    const r = await runNode([SUITE], CODSPEED_ENV);
    expect(r.stderr).not.toContain("SyntaxError");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[CodSpeed] Checked test/fixtures/exec/tinybench-suite.mjs::sum to 100");
    expect(r.stdout).toContain("[CodSpeed] Checked test/fixtures/exec/tinybench-suite.mjs::join three");
    // One introspection run without flags, then one real run with them and without the variable.
    expect(r.runs.map((x) => x.introspecting)).toEqual([true, false]);
    expect(r.runs[0]!.execArgv).toEqual([]);
    expect(r.runs[1]!.execArgv).toContain("--allow-natives-syntax");
    expect(r.runs[1]!.execArgv).toContain("--no-opt");
    expect(r.leftovers).toEqual([]);
  }, 20_000);

  test("a plain script runs once, gets its arguments intact and its exit status through", async () => {
    const args = ["a b", "it's", '"quoted"', "", "$HOME", "*", "--flag=x y", "new\nline"];
    const r = await runNode([join(FIXTURES, "plain-script.mjs"), ...args], { PACER_TEST_EXIT_CODE: "7" });
    expect(r.code).toBe(7);
    expect(JSON.parse(r.stdout)).toEqual(args);
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]!.argv).toEqual(args);
    expect(r.leftovers).toEqual([]);
  }, 20_000);

  test("node options before the script are kept, after the integration's flags", async () => {
    const r = await runNode(["--stack-size=2000", SUITE], CODSPEED_ENV);
    expect(r.code).toBe(0);
    const argv = r.runs[1]!.execArgv;
    expect(argv.at(-1)).toBe("--stack-size=2000");
    expect(argv.indexOf("--allow-natives-syntax")).toBeLessThan(argv.length - 1);
  }, 20_000);

  test("the shim skips itself on PATH and fails clearly when there is no other node", async () => {
    const bashOnly = join(work, "bash-only");
    await Bun.$`mkdir -p ${bashOnly}`;
    await symlink(Bun.which("bash")!, join(bashOnly, "bash")).catch(() => {});
    const r = await runNode(["-e", "0"], {}, { path: `${shimDir}:${shimDir}:${bashOnly}` });
    expect(r.code).toBe(127);
    expect(r.stderr).toContain("pacer: node not found in PATH");
  }, 20_000);
});
