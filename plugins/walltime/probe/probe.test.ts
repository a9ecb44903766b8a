import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replayExec, type Captures } from "../../../test/fixtures/walltime/replay.ts";
import { probeWalltime } from "./probe.ts";

const FIX = join(import.meta.dir, "../../../test/fixtures/walltime");
const load = (f: string) => JSON.parse(readFileSync(join(FIX, f), "utf8")) as Captures;
const wanted = { sysctl: (n: string) => (n === "kernel.perf_event_paranoid" ? -1 : 0) };

describe("probeWalltime on this VM's captured perf outputs", () => {
  const vm = load("vm-captures.json");

  test("probe() reports degraded with the event group off and a reason per event", async () => {
    const r = await probeWalltime(replayExec(vm), "x86_64", wanted);
    expect(r.status).toBe("degraded");
    for (const k of ["perf", "zstd", "control_fifo", "clockid", "call_graph_fp", "call_graph_dwarf"]) {
      expect(r.features[k]?.enabled).toBe(true);
    }
    expect(r.features.perf?.value).toBe("perf 6.1.187");
    expect(r.features.events).toMatchObject({ enabled: false });
    expect(r.features.events?.reason).toContain('"l1d_cache"');
    expect(r.features["event:l1d_cache"]?.reason).toBe(
      '"L1-dcache-loads": not supported by this machine\'s PMU; "l1d_cache": unknown event name (event syntax error)',
    );
    expect(r.features["event:cpu-cycles"]?.reason).toContain("not supported");
    expect(r.needsSetup).toBe(false);
  });

  test("probe() asks for setup when the sysctls differ", async () => {
    const r = await probeWalltime(replayExec(vm), "x86_64", { sysctl: () => 2 });
    expect(r.needsSetup).toBe(true);
    expect(r.features["kernel.perf_event_paranoid"]).toEqual({ enabled: false, value: 2, reason: "is 2, pacer wants -1 (setup sets it)" });
  });

  test("probe() flags fs.protected_symlinks=0 for root runs only, and asks for setup", async () => {
    const links = (v: number) => ({ sysctl: (n: string) => (n === "fs.protected_symlinks" ? v : wanted.sysctl(n)) });
    const root = await probeWalltime(replayExec(vm), "x86_64", { ...links(0), isRoot: true });
    expect(root.features["fs.protected_symlinks"]).toMatchObject({ enabled: false, value: 0 });
    expect(root.features["fs.protected_symlinks"]?.reason).toContain("follows links other users plant in /tmp");
    expect(root.needsSetup).toBe(true);
    expect((await probeWalltime(replayExec(vm), "x86_64", { ...links(1), isRoot: true })).needsSetup).toBe(false);
    const user = await probeWalltime(replayExec(vm), "x86_64", { ...links(0), isRoot: false });
    expect(user.features["fs.protected_symlinks"]).toBeUndefined();
    expect(user.needsSetup).toBe(false);
  });

  test("probe() checks each record option alone when the combined record fails, naming the one at fault", async () => {
    const old = structuredClone(vm);
    // An old perf without FIFO control: the same usage error for both records that use it.
    const rejected = { argv: [], code: 129, stdout: "", stderr: "  Error: unknown option `control'\n\n Usage: perf record [<options>] [<command>]\n" };
    old.outputs["record together"] = rejected;
    old.outputs["record control fifo"] = rejected;
    const seen: string[][] = [];
    const r = await probeWalltime(replayExec(old, seen), "x86_64", wanted);
    expect(r.features.control_fifo).toEqual({ enabled: false, reason: "perf record exited with 129: Error: unknown option `control'" });
    expect(r.features.clockid?.enabled).toBe(true);
    expect(r.features.call_graph_dwarf?.enabled).toBe(true);
    expect(r.reasons[0]).toContain("Profiling is off: perf cannot be driven through a control FIFO");
    expect(seen.filter((a) => a[1] === "record")).toHaveLength(5);
  });

  test("probe() reports degraded with every perf feature off when perf is missing", async () => {
    const r = await probeWalltime(replayExec({ ...vm, outputs: {} }), "x86_64", wanted);
    expect(r.status).toBe("degraded");
    expect(r.features.perf?.enabled).toBe(false);
    expect(r.features.control_fifo?.reason).toBe("needs perf");
    expect(r.needsSetup).toBe(true);
    expect(r.hint).toContain("linux-perf");
  });

  test("probe() turns profiling off on other systems: macOS says it has no perf, no Linux sysctl lines", async () => {
    const seen: string[][] = [];
    const r = await probeWalltime(replayExec(vm, seen), "x86_64", { ...wanted, platform: "darwin" });
    expect(r.features.perf).toEqual({ enabled: false, reason: "macOS has no perf" });
    expect(r.features["kernel.perf_event_paranoid"]).toBeUndefined();
    expect(r.needsSetup).toBe(false);
    expect(r.hint).toBe("Timings only: profiling needs perf on Linux");
    expect(seen).toEqual([]);
    const bsd = await probeWalltime(replayExec(vm), "x86_64", { ...wanted, platform: "freebsd" });
    expect(bsd.features.perf).toEqual({ enabled: false, reason: "perf needs Linux" });
  });
});

describe("probeWalltime on a hand-typed ARM machine with a PMU (not from this VM)", () => {
  const arm = load("hand-typed-arm-with-events.json");

  test("probe() enables the reference's event group with the ARM names", async () => {
    const seen: string[][] = [];
    const r = await probeWalltime(replayExec(arm, seen), "aarch64", wanted);
    expect(r.status).toBe("supported");
    expect(r.features.events).toEqual({ enabled: true, value: "{cpu-cycles,l1d_cache,l2d_cache,l2d_cache_refill,instructions}" });
    expect(r.features["event:l2d_cache_refill"]?.value).toBe("l2d_cache_refill");
    // Every event was opened, then the group as a whole.
    expect(seen.filter((a) => a[1] === "stat").map((a) => a[5])).toContain("{cpu-cycles,l1d_cache,l2d_cache,l2d_cache_refill,instructions}");
  });

  test("probe() falls back to the x86 names on x86 and keeps the group off when it does not open together", async () => {
    const r = await probeWalltime(replayExec(arm), "x86_64", wanted);
    expect(r.features["event:l1d_cache"]?.value).toBe("L1-dcache-loads");
    expect(r.features["event:l2d_cache"]?.value).toBe("cache-references");
    // The x86 group was not captured on that machine: the probe says so instead of guessing.
    expect(r.features.events?.enabled).toBe(false);
    expect(r.features.events?.reason).toContain("{cpu-cycles,L1-dcache-loads,cache-references,cache-misses,instructions}");
  });

  test("probe() leaves the group off without zstd, as the reference does", async () => {
    const noZstd = structuredClone(arm);
    noZstd.outputs["perf version --build-options"]!.stdout = noZstd.outputs["perf version --build-options"]!.stdout.replace("zstd: [ on  ]", "zstd: [ OFF ]");
    const r = await probeWalltime(replayExec(noZstd), "aarch64", wanted);
    expect(r.features.zstd).toEqual({ enabled: false, reason: "perf is built without zstd" });
    expect(r.features.events).toEqual({ enabled: false, reason: "needs zstd compression" });
  });
});
