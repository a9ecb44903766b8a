import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPluginContext } from "../../src/plugin/context.ts";
import { resolvePlugin } from "../../src/plugin/load.ts";
import type { RunPlan } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";
import memory from "./index.ts";
import { firstWord, kernelDev } from "./wrap.ts";

// Every scratch folder this file makes is removed after it.
const made: string[] = [];
const scratch = (prefix: string) => (made.push(mkdtempSync(prefix)), made.at(-1)!);
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FIX = join(import.meta.dir, "..", "..", "test", "fixtures", "memory");
const staticOk = spawnSync("cc", ["-static", "-x", "c", "-o", "/dev/null", "-"], { input: "int main(void){return 0;}" }).status === 0;

async function context(plan: RunPlan, ebpf: boolean) {
  const plugin = await resolvePlugin(memory);
  const ctx = createPluginContext(plugin, { capacity: 1000, perfBufferPages: 64 }, {
    system: systemInfo(),
    mode: "memory",
    profileFolder: scratch(join(tmpdir(), "pacer-wrap-")),
    plan,
    flags: { skipSetup: true, allowEmpty: false },
    selfCommand: ["/opt/pacer"],
  });
  ctx.probed = { status: ebpf ? "supported" : "degraded", reasons: [], features: { ebpf: ebpf ? { enabled: true } : { enabled: false, reason: "bpftrace is not installed" } } };
  return { plugin, ctx, state: await plugin.start!(ctx) };
}

describe("wrap()", () => {
  test("exec plans: only the targets get LD_PRELOAD, through a rewritten harness spec", async () => {
    const target = { name: "true", uri: "exec_harness::true", argv: ["true", "x"], walltime: {} };
    const { plugin, ctx, state } = await context({ kind: "exec", targets: [target] }, true);
    const spec = join(ctx.tempDir, "spec.json");
    writeFileSync(spec, JSON.stringify({ mode: "memory", targets: [target] }));
    const cmd = await plugin.wrap!({ argv: ["/opt/pacer", "__harness", spec], env: { PATH: process.env.PATH ?? "" }, cwd: "/" }, ctx, state);
    expect(cmd.env.LD_PRELOAD).toBeUndefined();
    expect(cmd.argv[2]).not.toBe(spec);
    const rewritten = JSON.parse(readFileSync(cmd.argv[2]!, "utf8"));
    const argv: string[] = rewritten.targets[0].argv;
    expect(argv[0]).toEndWith("/env");
    expect(argv.find((a) => a.startsWith("LD_PRELOAD="))).toContain("libpacer-memtrack.so");
    expect(argv).toContain("PACER_MEMTRACK_CAPACITY=1000");
    expect(argv.slice(-2)).toEqual(["true", "x"]);
    await plugin.teardown!(ctx, state, { status: "ok" });
    ctx.dispose();
  });

  test("integration plans: the command's environment gets the library, before an inherited LD_PRELOAD", async () => {
    const { plugin, ctx, state } = await context({ kind: "integration", command: "node bench.js" }, true);
    const cmd = await plugin.wrap!({ argv: ["bash", "-c", "node bench.js"], env: { LD_PRELOAD: "/x.so" }, cwd: "/" }, ctx, state);
    expect(cmd.env.LD_PRELOAD).toMatch(/libpacer-memtrack\.so:\/x\.so$/);
    expect(readFileSync(cmd.env.PACER_MEMTRACK_FLAG!)).toEqual(Buffer.from([0])); // off until StartBenchmark
    await plugin.onBenchmark!({ type: "start", timestampNs: 1n }, ctx, state);
    expect(readFileSync(cmd.env.PACER_MEMTRACK_FLAG!)).toEqual(Buffer.from([1]));
    await plugin.onBenchmark!({ type: "stop", timestampNs: 2n }, ctx, state);
    expect(readFileSync(cmd.env.PACER_MEMTRACK_FLAG!)).toEqual(Buffer.from([0]));
    expect(await plugin.onBenchmark!({ type: "ping", timestampNs: 3n }, ctx, state)).toBe("err");
    await plugin.teardown!(ctx, state, { status: "ok" });
    ctx.dispose();
  });

  test.skipIf(!staticOk)("a statically linked exec target without eBPF fails with the probe's reason", async () => {
    const dir = scratch(join(tmpdir(), "pacer-wrap-static-"));
    expect(spawnSync("cc", ["-static", "-o", join(dir, "st"), join(FIX, "static-empty.c")]).status).toBe(0);
    const target = { name: "st", uri: "exec_harness::st", argv: ["./st"], walltime: {} };
    const { plugin, ctx, state } = await context({ kind: "exec", targets: [target] }, false);
    const spec = join(ctx.tempDir, "spec.json");
    writeFileSync(spec, JSON.stringify({ mode: "memory", targets: [target] }));
    await expect(plugin.wrap!({ argv: ["/opt/pacer", "__harness", spec], env: {}, cwd: dir }, ctx, state)).rejects.toThrow(
      /Cannot measure the memory of ".*\/st": bpftrace is not installed/,
    );
    await plugin.teardown!(ctx, state, { status: "ok" });
    ctx.dispose();
  });

  test.skipIf(!staticOk)("without eBPF, static executables in build/ and as the first word are skipped with a warning", async () => {
    const dir = scratch(join(tmpdir(), "pacer-wrap-static-"));
    mkdirSync(join(dir, "build"));
    expect(spawnSync("cc", ["-static", "-o", join(dir, "build", "unrelated"), join(FIX, "static-empty.c")]).status).toBe(0);
    expect(spawnSync("cc", ["-static", "-o", join(dir, "st"), join(FIX, "static-empty.c")]).status).toBe(0);
    const { plugin, ctx, state } = await context({ kind: "integration", command: "./st && node bench.js" }, false);
    const cmd = await plugin.wrap!({ argv: ["bash", "-c", "./st && node bench.js"], env: {}, cwd: dir }, ctx, state);
    expect(cmd.env.LD_PRELOAD).toContain("libpacer-memtrack.so");
    const notes = (state as { choices: string[] }).choices.join("\n");
    expect(notes).toMatch(/Allocations of ".*\/build\/unrelated" are not measured \(bpftrace is not installed\)/);
    expect(notes).toMatch(/Allocations of ".*\/st" are not measured \(bpftrace is not installed\)/);
    await plugin.teardown!(ctx, state, { status: "ok" });
    ctx.dispose();
  });

  test("firstWord() takes a plain first word only", () => {
    expect(firstWord("./bench --x 1")).toBe("./bench");
    expect(firstWord("FOO=1 ./bench")).toBeUndefined();
    expect(firstWord("'quoted prog'")).toBeUndefined();
  });

  test("kernelDev() turns st_dev into the kernel's dev_t, which the exec filter compares", () => {
    expect(kernelDev(0xfe00)).toBe(254 << 20); // 254:0, as /dev/vda on the machine measured
    expect(kernelDev(0x10303)).toBe((259 << 20) | 3); // 259:3 (an NVMe partition)
  });
});
