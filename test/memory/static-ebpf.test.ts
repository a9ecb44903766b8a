// The eBPF tracker (bpftrace uprobes) on a statically linked program, driven through the plugin's
// hooks: needs root and bpftrace. Slow (bpftrace takes seconds to attach), so in its own file.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { delta, KNOWN_CXX_DELTA, KNOWN_OTHER_ALLOCATOR, KNOWN_STATIC_DELTA } from "./expectations.ts";
import { cleanupTempDirs, compile, hasBpftrace, hasCompiler, runDirect, tempDir } from "./memory-driver.ts";

afterAll(cleanupTempDirs);

describe.skipIf(!hasCompiler || !hasBpftrace)("eBPF tracker on a statically linked program", () => {
  test("static.c: uprobes count its allocations on top of static glibc's own", async () => {
    const dir = tempDir("static");
    const st = compile("static.c", dir, ["-static"]);
    const base = compile("static-empty.c", dir, ["-static"]);
    const a = await runDirect([st], "test::static");
    const b = await runDirect([base], "test::static-empty");
    expect(a.measurement!.notes![0]).toContain("eBPF uprobes");
    const got = delta(a.measurement!.benchmarks[0]!.metrics, b.measurement!.benchmarks[0]!.metrics, Object.keys(KNOWN_STATIC_DELTA));
    expect(got).toEqual(KNOWN_STATIC_DELTA);
  }, 60_000);

  test("static C++: operator new/delete probed with malloc/free are counted once", async () => {
    const dir = tempDir("static-cxx");
    const cxx = compile("cxx.cpp", dir, ["-static"]);
    const base = compile("empty.cpp", dir, ["-static"]);
    const a = (await runDirect([cxx], "test::cxx-static")).measurement!.benchmarks[0]!.metrics;
    const b = (await runDirect([base], "test::empty-static")).measurement!.benchmarks[0]!.metrics;
    expect(delta(a, b, Object.keys(KNOWN_CXX_DELTA))).toEqual({ ...KNOWN_CXX_DELTA });
  }, 60_000);

  test("events bpftrace loses (a 1-page perf buffer) are reported, not dropped silently", async () => {
    const dir = tempDir("static-loss");
    const churn = compile("churn.c", dir, ["-static"]);
    // Enough events that a 1-page buffer overflows even on an idle machine.
    const r = await runDirect([churn, "100000"], "test::churn", { perfBufferPages: 1 });
    const b = r.measurement!.benchmarks[0]!;
    const lost = (b.detail as { lostEventsInRun: number }).lostEventsInRun;
    expect(lost).toBeGreaterThan(0);
    expect(Number(b.metrics.alloc_count) + Number(b.metrics.free_count) + lost).toBeGreaterThanOrEqual(200_000);
    expect(r.measurement!.notes!.join("\n")).toContain(`${lost} allocation events were lost`);
  }, 60_000);

  const jemallocArchive = "/usr/lib/x86_64-linux-gnu/libjemalloc_pic.a".replace("x86_64", process.arch === "arm64" ? "aarch64" : "x86_64");

  test.skipIf(!existsSync(jemallocArchive))("a dynamic program with jemalloc linked in, found in target/codspeed/analysis and run by another path", async () => {
    // Like a Rust benchmark with a jemalloc global allocator: the executable's own malloc overrides
    // libc's (and the preload library's), so only uprobes see it. pacer finds it under the build
    // folder and matches its exec by inode, whatever path the command uses.
    const dir = tempDir("own-alloc");
    const exe = compile("other-allocator.c", dir, [jemallocArchive, "-lpthread", "-ldl", "-lm"]);
    mkdirSync(join(dir, "target", "codspeed", "analysis"), { recursive: true });
    renameSync(exe, join(dir, "target", "codspeed", "analysis", "bench"));
    const launcher = compile("launcher.c", dir);
    const r = await runDirect([launcher, "target/codspeed", "./analysis/bench"], "test::own-alloc", { cwd: dir });
    expect(r.measurement!.notes![0]).toContain("eBPF uprobes + preload library");
    expect(r.measurement!.benchmarks[0]!.metrics).toEqual({ ...KNOWN_OTHER_ALLOCATOR });
  }, 60_000);
});
