import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { SIM_FIXTURES } from "../../test/simulation/fixtures.ts";
import { simulationContext } from "../../test/simulation/context.ts";
import { collectSimulation } from "./collect.ts";
import type { SimulationDetail } from "./detail.ts";
import { statusFiles } from "./run-scripts.ts";
import type { SimulationRunState } from "./wrap.ts";

const contexts: Array<{ dispose(): void }> = [];
const dirs: string[] = [];
afterAll(() => {
  contexts.forEach((c) => c.dispose());
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function unzipTo(fixture: string, dest: string): void {
  writeFileSync(dest, gunzipSync(readFileSync(join(SIM_FIXTURES, fixture))));
}

describe("collectSimulation() on files of a real tinybench run", () => {
  const ctx = simulationContext({ kind: "integration", command: "node bench.mjs" });
  contexts.push(ctx);
  const perfDir = tempDir("pacer-sim-perfmaps-");
  unzipTo("node-combined.out.gz", join(ctx.profileFolder, "20130.out"));
  copyFileSync(join(SIM_FIXTURES, "child-mktemp.out"), join(ctx.profileFolder, "20131.out"));
  copyFileSync(join(SIM_FIXTURES, "child-wrapper-bash.out"), join(ctx.profileFolder, "20129.out"));
  copyFileSync(join(SIM_FIXTURES, "node-combined.perf.map"), join(perfDir, "perf-20130.map"));
  const status = statusFiles(ctx.tempDir, 0);
  const state: SimulationRunState = {
    kind: "integration",
    allowEmpty: false,
    steps: [{ argv: [], status, wrapped: true, outPrefix: `${ctx.profileFolder}/`, logFile: join(ctx.profileFolder, "valgrind.log") }],
  };

  test("lists one benchmark per URI part with its counts, ignoring child processes without benchmarks", async () => {
    writeFileSync(status.pid, "20129");
    writeFileSync(status.valgrind, "0");
    writeFileSync(status.benchmark, "0");
    const m = await collectSimulation(ctx, state, perfDir);
    expect(m.instrument).toBe("simulation");
    expect(m.title).toBe("CPU Simulation");
    expect(m.benchmarks.map((b) => [b.name, b.metrics.ir])).toEqual([
      ["fib 12", 137568],
      ["sort 200", 434562],
      ["json roundtrip", 33812],
    ]);
    expect(m.benchmarks[0]!.uri).toBe("test/fixtures/simulation/suite/bench.mjs::sim::fib 12");
    expect(m.columns.map((c) => c.label)).toEqual(["Time", "Instr.", "Cache", "Memory", "Sys. Time"]);
    expect(m.notes!.join("\n")).toContain("L1 hits + 5·LL hits + 35·RAM hits");
    // The perf map was moved into the profile folder (none is left in the shared folder) and used to name JIT frames.
    expect(existsSync(join(ctx.profileFolder, "perf-20130.map"))).toBe(true);
    expect(existsSync(join(perfDir, "perf-20130.map"))).toBe(false);
    const detail = m.benchmarks[0]!.detail as unknown as SimulationDetail;
    expect(detail.source).toEqual({ pid: 20130, file: "20130.out", part: 2 });
    expect(detail.functions.some((f) => f.name.startsWith("Function:fib ") && f.object === "[jit]")).toBe(true);
    expect(detail.functions[0]!.inclusive[0]).toBeGreaterThanOrEqual(detail.functions[1]!.inclusive[0]!);
  });

  test("a non-zero benchmark status is a benchmark failure", async () => {
    writeFileSync(status.benchmark, "2");
    await expect(collectSimulation(ctx, state, perfDir)).rejects.toThrow('The benchmark command failed under valgrind with exit code "2"');
  });
});

test("collectSimulation() neither follows nor removes a perf map planted as a symlink in the shared folder, and says so", async () => {
  const ctx = simulationContext({ kind: "integration", command: "node bench.mjs" });
  contexts.push(ctx);
  const perfDir = tempDir("pacer-sim-planted-");
  const secret = join(tempDir("pacer-sim-secret-"), "secret");
  writeFileSync(secret, "not the benchmark's\n");
  unzipTo("node-combined.out.gz", join(ctx.profileFolder, "20130.out"));
  symlinkSync(secret, join(perfDir, "perf-20130.map"));
  const status = statusFiles(ctx.tempDir, 0);
  writeFileSync(status.pid, "20130");
  writeFileSync(status.valgrind, "0");
  writeFileSync(status.benchmark, "0");
  const warnings: string[] = [];
  ctx.log.warn = (m: string) => void warnings.push(m);
  const state: SimulationRunState = {
    kind: "integration",
    allowEmpty: false,
    steps: [{ argv: [], status, wrapped: true, outPrefix: `${ctx.profileFolder}/`, logFile: join(ctx.profileFolder, "valgrind.log") }],
  };
  const m = await collectSimulation(ctx, state, perfDir);
  expect(m.benchmarks.length).toBe(3);
  expect(existsSync(join(ctx.profileFolder, "perf-20130.map"))).toBe(false);
  expect(readlinkSync(join(perfDir, "perf-20130.map"))).toBe(secret);
  expect(lstatSync(join(perfDir, "perf-20130.map")).isSymbolicLink()).toBe(true);
  expect(warnings.join("\n")).toContain(`Ignoring "${join(perfDir, "perf-20130.map")}": it is a symbolic link`);
});

test("collectSimulation() sums the processes of an exec target into one benchmark", async () => {
  const target = { name: "sh -c 'echo hi; /bin/echo there'", uri: "exec_harness::sh", argv: ["sh"], walltime: {} };
  const ctx = simulationContext({ kind: "exec", targets: [target] });
  contexts.push(ctx);
  unzipTo("exec-parent.out.gz", join(ctx.profileFolder, "exec-0.21645.out"));
  unzipTo("exec-child.out.gz", join(ctx.profileFolder, "exec-0.21646.out"));
  const status = statusFiles(ctx.tempDir, 0);
  writeFileSync(status.pid, "21645");
  writeFileSync(status.valgrind, "0");
  const state: SimulationRunState = {
    kind: "exec",
    allowEmpty: false,
    steps: [{ argv: [], status, wrapped: false, outPrefix: join(ctx.profileFolder, "exec-0."), logFile: "", uri: target.uri, name: target.name }],
  };
  const m = await collectSimulation(ctx, state, tempDir("pacer-sim-nomaps-"));
  expect(m.benchmarks).toHaveLength(1);
  const b = m.benchmarks[0]!;
  expect(b.uri).toBe("exec_harness::sh");
  expect(b.metrics.ir).toBe(67498 + 185649);
  expect(b.metrics.sys_count).toBe(26 + 81);
  expect((b.detail as { processes: unknown[] }).processes).toEqual([
    { pid: 21645, cmd: "sh -c echo hi; /bin/echo there", ir: 67498 },
    { pid: 21646, cmd: "/bin/echo there", ir: 185649 },
  ]);
});

test("collectSimulation() fails clearly when no benchmark was measured", async () => {
  const ctx = simulationContext({ kind: "integration", command: "true" });
  contexts.push(ctx);
  const status = statusFiles(ctx.tempDir, 0);
  writeFileSync(status.valgrind, "0");
  writeFileSync(status.benchmark, "0");
  copyFileSync(join(SIM_FIXTURES, "child-mktemp.out"), join(ctx.profileFolder, "77.out"));
  const state: SimulationRunState = { kind: "integration", allowEmpty: false, steps: [{ argv: [], status, wrapped: true, outPrefix: `${ctx.profileFolder}/`, logFile: "" }] };
  await expect(collectSimulation(ctx, state)).rejects.toThrow("No benchmark was measured");
});
