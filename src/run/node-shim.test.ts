// Runs the real shim with the real node and the real @codspeed/tinybench-plugin.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { removeNodePerfMaps, writeNodeShim } from "./node-shim.ts";

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
afterAll(async () => {
  // The shim is used here outside a run: its maps are removed as a run would remove them.
  removeNodePerfMaps(shimDir);
  await rm(work, { recursive: true, force: true });
});

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
  return { stdout, stderr, code, runs, leftovers: await readdir(tmp), pid: proc.pid };
}

const CODSPEED_ENV = { CODSPEED_ENV: "runner", CODSPEED_RUNNER_MODE: "instrumentation" };
const SUITE = join(FIXTURES, "tinybench-suite.mjs");

describe.skipIf(!hasNode)("node shim (needs node on PATH)", () => {
  test("without the shim, the CodSpeed suite crashes on the natives syntax (control)", async () => {
    const r = await runNode([SUITE], CODSPEED_ENV, { shim: false });
    // With no shim, @codspeed/core wrote its map before the crash, into a file nobody made first.
    await rm(`/tmp/perf-${r.pid}.map`, { force: true });
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

  test("@codspeed/core's own perf map (written outside walltime, with no flag) goes into a file the shim made and listed", async () => {
    const listed = async () => new Set((await readFile(join(shimDir, "perf-map-pids"), "utf8").catch(() => "")).split("\n").filter(Boolean));
    const before = await listed();
    const r = await runNode([SUITE], CODSPEED_ENV);
    expect(r.code).toBe(0);
    expect(r.runs[1]!.execArgv).not.toContain("--perf-basic-prof");
    const added = [...(await listed())].filter((p) => !before.has(p));
    expect(added).toHaveLength(1);
    // The addon wrote its symbols into the shim's file (a map line: start, size, name).
    const map = `/tmp/perf-${added[0]}.map`;
    expect(await readFile(map, "utf8")).toMatch(/^[0-9a-f]+ [0-9a-f]+ \S/m);
    removeNodePerfMaps(shimDir);
    expect(await readFile(map, "utf8").catch(() => "gone")).toBe("gone");
  }, 20_000);

  // The pid is fixed in advance: bash plants the name for its own pid, then execs the shim, which
  // execs node, all as that one pid.
  async function runWithPlanted(kind: "symlink" | "hard link" | "link to a device", mode: string) {
    const target = kind === "link to a device" ? "/dev/null" : join(work, `target-${crypto.randomUUID()}`);
    if (target !== "/dev/null") await Bun.write(target, "keep me\n");
    const plant = kind === "hard link" ? "ln" : "ln -s";
    const script = `${plant} "$1" /tmp/perf-$$.map && echo $$ > "$2" && exec "$3" "$4"`;
    const pidFile = join(work, `pid-${crypto.randomUUID()}`);
    // A profile folder, as in a run: in walltime the shim sends V8's jit-<pid>.dump there, not into
    // the repository (the cwd, which the suite's git-relative URIs need).
    const profile = await mkdtemp(join(work, "profile-"));
    const proc = Bun.spawn(["bash", "-c", script, "_", target, pidFile, join(shimDir, "node"), SUITE], {
      cwd: ROOT,
      env: { HOME: process.env.HOME ?? "/root", PATH: `${shimDir}:${process.env.PATH}`, TMPDIR: work, CODSPEED_ENV: "runner", CODSPEED_RUNNER_MODE: mode, CODSPEED_PROFILE_FOLDER: profile },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    const map = `/tmp/perf-${(await readFile(pidFile, "utf8")).trim()}.map`;
    const target_ = target === "/dev/null" ? "keep me\n" : await readFile(target, "utf8");
    await rm(map, { force: true });
    return { stdout, stderr, code, map, target: target_ };
  }

  // noclobber lets a redirection open an existing file that is not a regular one: the link to a device.
  for (const kind of ["symlink", "hard link", "link to a device"] as const) {
    test(`a ${kind} planted at the map's name: node is not run (the addon would write through it), and the error names the file`, async () => {
      const r = await runWithPlanted(kind, "instrumentation");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`pacer: "${r.map}" is not a file of this user`);
      expect(r.stderr).toContain(`Remove "${r.map}" and run again`);
      expect(r.stdout).not.toContain("[CodSpeed]");
      expect(r.target).toBe("keep me\n");
    }, 20_000);
  }

  test("in walltime the addon writes no map: the same planted link only costs V8's --perf-basic-prof, and the suite runs", async () => {
    const r = await runWithPlanted("symlink", "walltime");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`pacer: "${r.map}" is not a file of this user`);
    expect(r.stderr).toContain("node runs without --perf-basic-prof");
    expect(r.target).toBe("keep me\n");
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

describe.skipIf(!hasNode)("the perf maps the shim makes for V8 (needs node on PATH)", () => {
  test("are listed beside the shim, and removed after the run unless they are a link or another user's", async () => {
    const { chown, chmod: chmodFs, writeFile: write, mkdir: mkdirFs, lstat } = await import("node:fs/promises");
    const { existsSync } = await import("node:fs");
    // A stand-in for node after the shim (the real one parses the flags' JSON): it asks for
    // --perf-basic-prof like a walltime integration, then records the pid the shim exec'd it as.
    const fake = join(work, "fake-node");
    await mkdirFs(fake, { recursive: true });
    const out = join(work, "fake-run.txt");
    await write(join(fake, "node"), `#!/usr/bin/env bash
if [[ -n "\${__CODSPEED_NODE_CORE_INTROSPECTION_PATH__:-}" ]]; then echo '{"flags":["--perf-basic-prof"]}' > "$__CODSPEED_NODE_CORE_INTROSPECTION_PATH__"; exit 0; fi
if [[ "$1" == "-e" ]]; then exec ${Bun.which("node")} "$@"; fi
echo "$$ $*" > "${out}"
`);
    await chmodFs(join(fake, "node"), 0o755);
    const shim = join(work, "shim-maps");
    await writeNodeShim(shim);
    const proc = Bun.spawn([join(shim, "node"), "bench.js"], { env: { PATH: `${shim}:${fake}:${process.env.PATH}` }, stdout: "pipe", stderr: "pipe" });
    expect(await proc.exited).toBe(0);
    const [pid, ...args] = (await readFile(out, "utf8")).trim().split(" ");
    expect(args).toEqual(["--perf-basic-prof", "bench.js"]);
    expect((await readFile(join(shim, "perf-map-pids"), "utf8")).trim()).toBe(pid!);
    const map = `/tmp/perf-${pid}.map`;
    expect((await lstat(map)).isFile()).toBe(true);
    expect(removeNodePerfMaps(shim)).toBe(1);
    expect(existsSync(map)).toBe(false);

    // Listed pids whose map is now a planted link or another user's file are left alone.
    const tmp = await mkdtemp(join(work, "shared-"));
    await write(join(shim, "perf-map-pids"), "101\n102\n103\nnot-a-pid\n");
    await symlink(join(work, "fake-run.txt"), join(tmp, "perf-101.map"));
    await write(join(tmp, "perf-102.map"), "x");
    await chown(join(tmp, "perf-102.map"), 65534, 65534);
    await write(join(tmp, "perf-103.map"), "ours");
    expect(removeNodePerfMaps(shim, tmp)).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual(["perf-101.map", "perf-102.map"]);
    expect(existsSync(join(work, "fake-run.txt"))).toBe(true);
  }, 20_000);
});
