// The eBPF tracker (bpftrace uprobes) on a statically linked program, driven through the plugin's
// hooks: needs root and bpftrace. Slow (bpftrace takes seconds to attach), so in its own file.
import { describe, expect, test } from "bun:test";
import { delta, KNOWN_STATIC_DELTA } from "./expectations.ts";
import { compile, hasBpftrace, hasCompiler, runDirect, tempDir } from "./memory-driver.ts";

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
});
