import { afterAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { simulationContext } from "../../test/simulation/context.ts";
import type { ProbeResult } from "../../src/index.ts";
import { STATE_KEY, wrapSimulation, type SimulationRunState } from "./wrap.ts";

const contexts: Array<{ dispose(): void }> = [];
afterAll(() => contexts.forEach((c) => c.dispose()));

function probed(on: Record<string, boolean>): ProbeResult {
  const features = Object.fromEntries(Object.entries(on).map(([k, enabled]) => [k, { enabled }]));
  return { status: "degraded", features, reasons: [] };
}

const UPSTREAM = { "collect-systime": true, "cycle-estimation": false, "obj-skip": false, "aslr-off": true, "python-malloc": true };

test("wrapSimulation() runs the benchmark under the reference valgrind command line, ASLR off", async () => {
  const ctx = simulationContext({ kind: "integration", command: "node bench.mjs" });
  contexts.push(ctx);
  ctx.probed = probed(UPSTREAM);
  const cmd = await wrapSimulation({ argv: ["bash", "-c", "node bench.mjs"], env: { PATH: "/usr/bin" }, cwd: "/w" }, ctx);
  expect(cmd.argv).toEqual(["bash", `${ctx.tempDir}/run.sh`]);
  expect(cmd.cwd).toBe("/w");
  expect(cmd.env.PYTHONMALLOC).toBe("malloc");
  const { steps } = ctx.state.get(STATE_KEY) as SimulationRunState;
  const argv = steps[0]!.argv;
  expect(argv.slice(0, 4)).toEqual(["setarch", ctx.system.arch, "-R", "valgrind"]);
  for (const f of ["--tool=callgrind", "--trace-children=yes", "--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64",
    "--LL=8388608,16,64", "--instr-atstart=no", "--collect-systime=nsec", "--compress-strings=no", "--combine-dumps=yes",
    "--dump-line=no", "--read-inline-info=yes", "--trace-children-skip=*esbuild",
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
  const cmd = await wrapSimulation({ argv: ["bash", "-c", "python x.py"], env: {}, cwd: "/" }, ctx);
  expect(cmd.env.PYTHONMALLOC).toBeUndefined();
  expect((ctx.state.get(STATE_KEY) as SimulationRunState).steps[0]!.argv[0]).toBe("valgrind");
});

test("wrapSimulation() in exec mode runs one valgrind per target, counting from the C runtime entry", async () => {
  const targets = ["true", "echo hi"].map((c, i) => ({ name: c, uri: `exec_harness::${c}`, argv: c.split(" "), walltime: {} }));
  const ctx = simulationContext({ kind: "exec", targets });
  contexts.push(ctx);
  ctx.probed = probed(UPSTREAM);
  await wrapSimulation({ argv: ["pacer", "__harness", "spec.json"], env: { PATH: "/usr/bin:/bin" }, cwd: "/" }, ctx);
  const { steps } = ctx.state.get(STATE_KEY) as SimulationRunState;
  expect(steps).toHaveLength(2);
  expect(steps[1]!.argv).toContain("--collect-atstart=no");
  expect(steps[1]!.argv).toContain("--toggle-collect=(below main)");
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
  await expect(wrapSimulation({ argv: [], env: { PATH: "/usr/bin" }, cwd: "/" }, ctx)).rejects.toThrow('Cannot find the program "no-such-program-pacer"');
});
