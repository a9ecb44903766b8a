import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { SIM_FIXTURES } from "../../test/simulation/fixtures.ts";
import { simulationContext } from "../../test/simulation/context.ts";
import type { PluginContext, ProbeResult } from "../../src/index.ts";
import { collectSimulation } from "./collect.ts";
import { newSimulationState, wrapSimulation, type SimulationRunState } from "./wrap.ts";

/** The run state `start` would create, one per context. */
const states = new WeakMap<object, SimulationRunState>();
function stateOf(ctx: PluginContext): SimulationRunState {
  if (!states.has(ctx)) states.set(ctx, newSimulationState(ctx));
  return states.get(ctx)!;
}

const contexts: Array<{ dispose(): void }> = [];
const noMaps = mkdtempSync(join(tmpdir(), "pacer-sim-nomaps-"));
afterAll(() => {
  contexts.forEach((c) => c.dispose());
  rmSync(noMaps, { recursive: true, force: true });
});

function probed(on: Record<string, boolean>): ProbeResult {
  const features = Object.fromEntries(Object.entries(on).map(([k, enabled]) => [k, { enabled }]));
  return { status: "degraded", features, reasons: [] };
}

const UPSTREAM = { "collect-systime": true, "cycle-estimation": false, "obj-skip": false, "aslr-off": true, "python-malloc": true };

test("wrapSimulation() runs the benchmark under the reference valgrind command line, ASLR off", async () => {
  const ctx = simulationContext({ kind: "integration", command: "node bench.mjs" });
  contexts.push(ctx);
  ctx.probed = probed(UPSTREAM);
  const cmd = await wrapSimulation({ argv: ["bash", "-c", "node bench.mjs"], env: { PATH: "/usr/bin" }, cwd: "/w" }, ctx, stateOf(ctx));
  expect(cmd.argv).toEqual(["bash", `${ctx.tempDir}/run.sh`]);
  expect(cmd.cwd).toBe("/w");
  expect(cmd.env.PYTHONMALLOC).toBe("malloc");
  const { steps } = stateOf(ctx);
  const argv = steps[0]!.argv;
  expect(argv.slice(0, 4)).toEqual(["setarch", ctx.system.arch, "-R", "valgrind"]);
  for (const f of ["--tool=callgrind", "--trace-children=yes", "--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64",
    "--LL=8388608,16,64", "--instr-atstart=no", "--collect-systime=nsec", "--compress-strings=no", "--combine-dumps=yes",
    "--dump-line=no", "--read-inline-info=yes", "--trace-children-skip=*esbuild", "--trace-children-skip-by-arg=*/pacer-node-introspection.*",
    `--callgrind-out-file=${ctx.profileFolder}/%p.out`, `--log-file=${ctx.profileFolder}/valgrind.log`]) {
    expect(argv).toContain(f);
  }
  expect(argv.some((a) => a.startsWith("--obj-skip") || a.startsWith("--cycle-estimation"))).toBe(false);
  expect(argv.slice(-6)).toEqual(["bash", `${ctx.tempDir}/wrapper.sh`, `${ctx.tempDir}/status-0`, "bash", "-c", "node bench.mjs"]);
  expect(readFileSync(`${ctx.tempDir}/run.sh`, "utf8")).toContain("'--trace-children-skip=*esbuild'");
});

test("wrapSimulation() keeps the allocator of a free-threaded python and skips setarch when missing", async () => {
  const ctx = simulationContext({ kind: "integration", command: "python x.py" });
  contexts.push(ctx);
  ctx.probed = probed({ ...UPSTREAM, "python-malloc": false, "aslr-off": false });
  const cmd = await wrapSimulation({ argv: ["bash", "-c", "python x.py"], env: {}, cwd: "/" }, ctx, stateOf(ctx));
  expect(cmd.env.PYTHONMALLOC).toBeUndefined();
  expect(stateOf(ctx).steps[0]!.argv[0]).toBe("valgrind");
});

test("wrapSimulation() in exec mode runs one valgrind per target, counting inside the preloaded window", async () => {
  const targets = ["true", "echo hi"].map((c, i) => ({ name: c, uri: `exec_harness::${c}`, argv: c.split(" "), walltime: {} }));
  const ctx = simulationContext({ kind: "exec", targets });
  contexts.push(ctx);
  ctx.probed = probed(UPSTREAM);
  const env = { PATH: "/usr/bin:/bin", LD_PRELOAD: "/opt/user.so" };
  await wrapSimulation({ argv: ["pacer", "__harness", "spec.json"], env, cwd: "/" }, ctx, stateOf(ctx));
  const { steps } = stateOf(ctx);
  expect(steps).toHaveLength(2);
  const so = join(ctx.tempDir, "libpacer-exec-window.so");
  // The window library first, the user's own preload kept after it.
  expect(steps[1]!.argv.slice(0, 2)).toEqual(["env", `LD_PRELOAD=${so}:/opt/user.so`]);
  expect(existsSync(so)).toBe(true);
  expect(steps[1]!.argv).toContain("--collect-atstart=no");
  expect(steps[1]!.argv.some((a) => a.startsWith("--toggle-collect"))).toBe(false);
  expect(steps[1]!.argv).not.toContain("--instr-atstart=no");
  expect(steps[1]!.argv).toContain(`--callgrind-out-file=${ctx.profileFolder}/exec-1.%p.out`);
  expect(steps[1]!.argv.slice(-3)).toEqual(["--", "echo", "hi"]);
  expect(steps[1]!.uri).toBe("exec_harness::echo hi");
});

test("wrapSimulation() in exec mode refuses a program that cannot be found before running anything", async () => {
  const target = { name: "x", uri: "exec_harness::x", argv: ["no-such-program-pacer"], walltime: {} };
  const ctx = simulationContext({ kind: "exec", targets: [target] });
  contexts.push(ctx);
  ctx.probed = probed(UPSTREAM);
  await expect(wrapSimulation({ argv: [], env: { PATH: "/usr/bin" }, cwd: "/" }, ctx, stateOf(ctx))).rejects.toThrow('Cannot find the program "no-such-program-pacer"');
});

function unzipTo(fixture: string, dest: string): void {
  writeFileSync(dest, gunzipSync(readFileSync(join(SIM_FIXTURES, fixture))));
}

/** The context with its debug lines recorded. */
function recording(ctx: PluginContext): { ctx: PluginContext; debug: string[] } {
  const debug: string[] = [];
  return { ctx: { ...ctx, log: { ...ctx.log, debug: (m: string) => debug.push(m) } }, debug };
}

describe("a reused --profile-folder: only this run's callgrind files are read", () => {
  test("integration: benchmarks of the previous run's <pid>.out are not listed again", async () => {
    const base = simulationContext({ kind: "integration", command: "node bench.mjs" });
    contexts.push(base);
    base.probed = probed(UPSTREAM);
    // Left by the previous run in the same folder.
    unzipTo("node-combined.out.gz", join(base.profileFolder, "20130.out"));
    copyFileSync(join(SIM_FIXTURES, "node-combined.perf.map"), join(base.profileFolder, "perf-20130.map"));
    writeFileSync(join(base.profileFolder, "valgrind.log"), "");
    writeFileSync(join(base.profileFolder, "runner.log"), "");
    const { ctx, debug } = recording(base);
    await wrapSimulation({ argv: ["node", "bench.mjs"], env: { PATH: "/usr/bin" }, cwd: "/" }, ctx, stateOf(ctx));
    expect(readdirSync(ctx.profileFolder)).toEqual(["runner.log"]);
    expect(debug).toContain(`Removed 3 valgrind output file(s) of an earlier run from "${ctx.profileFolder}"`);
    // This run.
    unzipTo("node-combined.out.gz", join(ctx.profileFolder, "20140.out"));
    const { status } = stateOf(ctx).steps[0]!;
    writeFileSync(status.valgrind, "0");
    writeFileSync(status.benchmark, "0");
    const m = await collectSimulation(ctx, stateOf(ctx), noMaps);
    expect(m.benchmarks.map((b) => [b.name, b.metrics.ir])).toEqual([
      ["fib 12", 137568],
      ["sort 200", 434562],
      ["json roundtrip", 33812],
    ]);
  });

  test("exec: the second run with the same folder counts the same as the first", async () => {
    const target = { name: "sh", uri: "exec_harness::sh", argv: ["sh"], walltime: {} };
    const ctx = simulationContext({ kind: "exec", targets: [target] });
    contexts.push(ctx);
    ctx.probed = probed(UPSTREAM);
    unzipTo("exec-parent.out.gz", join(ctx.profileFolder, "exec-0.21645.out"));
    unzipTo("exec-child.out.gz", join(ctx.profileFolder, "exec-0.21646.out"));
    writeFileSync(join(ctx.profileFolder, "valgrind-exec-0.log"), "");
    await wrapSimulation({ argv: ["pacer", "__harness", "spec.json"], env: { PATH: "/usr/bin:/bin" }, cwd: "/" }, ctx, stateOf(ctx));
    expect(readdirSync(ctx.profileFolder)).toEqual([]);
    unzipTo("exec-parent.out.gz", join(ctx.profileFolder, "exec-0.31645.out"));
    unzipTo("exec-child.out.gz", join(ctx.profileFolder, "exec-0.31646.out"));
    const { status } = stateOf(ctx).steps[0]!;
    writeFileSync(status.pid, "31645");
    writeFileSync(status.valgrind, "0");
    const m = await collectSimulation(ctx, stateOf(ctx), noMaps);
    expect(m.benchmarks[0]!.metrics.ir).toBe(67498 + 185649);
    expect((m.benchmarks[0]!.detail as { processes: Array<{ pid: number }> }).processes.map((p) => p.pid)).toEqual([31645, 31646]);
  });

  test("a refused exec target leaves the folder as it was", async () => {
    const target = { name: "x", uri: "exec_harness::x", argv: ["no-such-program-pacer"], walltime: {} };
    const ctx = simulationContext({ kind: "exec", targets: [target] });
    contexts.push(ctx);
    ctx.probed = probed(UPSTREAM);
    writeFileSync(join(ctx.profileFolder, "exec-0.1.out"), "");
    await expect(wrapSimulation({ argv: [], env: { PATH: "/usr/bin" }, cwd: "/" }, ctx, stateOf(ctx))).rejects.toThrow("Cannot find the program");
    expect(readdirSync(ctx.profileFolder)).toEqual(["exec-0.1.out"]);
  });
});
