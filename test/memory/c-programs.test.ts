// The memory plugin's hooks driven directly around small C/C++ programs (no FIFO, no CLI): counts
// and bytes equal what each program is known to allocate. The same programs go through the CLI in
// exec-cli.test.ts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pluginLibs } from "../../src/plugin/libs.ts";
import { monotonicNs } from "../../src/protocol/monotonic-clock.ts";
import { readArtifact } from "../../plugins/memory/artifact.ts";
import { delta, KNOWN, KNOWN_CXX_DELTA, KNOWN_OTHER_ALLOCATOR } from "./expectations.ts";
import { cleanupTempDirs, canLink, compile, ensurePreload, hasCompiler, loadsLibstdcxx, runDirect, tempDir } from "./memory-driver.ts";

afterAll(cleanupTempDirs);

const dir = tempDir("cprog");
const exe: Record<string, string> = {};

beforeAll(async () => {
  if (!hasCompiler) return;
  await ensurePreload();
  for (const f of [...Object.keys(KNOWN), "cxx.cpp", "empty.cpp"]) exe[f] = compile(f, dir);
}, 120_000);

const metricsOf = async (file: string, opts: { capacity?: number } = {}) => {
  const r = await runDirect([exe[file]!], `test::${file}`, opts);
  return { metrics: r.measurement!.benchmarks[0]!.metrics, run: r };
};

describe.skipIf(!hasCompiler)("preload tracker on C programs", () => {
  for (const [file, known] of Object.entries(KNOWN)) {
    test(`${file} allocates exactly what it is known to`, async () => {
      const { metrics } = await metricsOf(file);
      expect(metrics).toEqual({ ...known });
    });
  }

  test("cxx.cpp: new/delete (plain, array, over-aligned) on top of the C++ runtime's own allocation", async () => {
    const base = (await metricsOf("empty.cpp")).metrics;
    const cxx = (await metricsOf("cxx.cpp")).metrics;
    expect(base.alloc_count).toBe(1); // libstdc++'s exception emergency pool, allocated before main
    expect(delta(cxx, base, Object.keys(KNOWN_CXX_DELTA))).toEqual({ ...KNOWN_CXX_DELTA });
  });

  test("the artifact holds every event with the pid of the process that made it", async () => {
    const { run } = await metricsOf("fork.c");
    const results = join(run.profileFolder, "results");
    const files = readdirSync(results).sort();
    const artifact = files.find((f) => f.endsWith(".MemtrackArtifact.msgpack"))!;
    const read = readArtifact(join(results, artifact), pluginLibs());
    expect(read.ok).toBe(true);
    const pids = new Set(read.events.map((e) => e.pid));
    expect(pids.size).toBe(2); // parent and forked child
    expect(artifact).toBe(`${Math.min(...pids)}.MemtrackArtifact.msgpack`);
    expect(read.events.filter((e) => e.type === "Malloc").map((e) => Number(e.size)).sort((a, b) => a - b)).toEqual([200, 500, 500, 1000]);
  });

  test("threads.c: 4 threads recording at once lose and duplicate nothing", async () => {
    const prog = compile("threads.c", dir, ["-pthread"]);
    const r = await runDirect([prog], "test::threads");
    const results = join(r.profileFolder, "results");
    const file = readdirSync(results).find((f) => f.endsWith(".MemtrackArtifact.msgpack"))!;
    const events = readArtifact(join(results, file), pluginLibs()).events;
    expect(events.filter((e) => e.type === "Malloc" && e.size === 32n)).toHaveLength(40_000);
    expect(events.filter((e) => e.type === "Free")).toHaveLength(40_000);
    expect(new Set(events.map((e) => e.tid)).size).toBeGreaterThanOrEqual(4);
    // The only other allocations: glibc's per-thread TLS vector, one calloc per pthread_create.
    expect(events.filter((e) => !(e.type === "Malloc" && e.size === 32n) && e.type !== "Free").map((e) => e.type)).toEqual(["Calloc", "Calloc", "Calloc", "Calloc"]);
    expect(r.measurement!.benchmarks[0]!.metrics.alloc_count).toBe(40_004);
  });

  test("events past a process's capacity are reported as lost, not dropped silently", async () => {
    const { metrics, run } = await metricsOf("malloc-free.c", { capacity: 8 });
    expect(metrics.alloc_count).toBe(8);
    expect(run.measurement!.benchmarks[0]!.detail).toMatchObject({ lostEventsInRun: 12 });
    expect(run.measurement!.notes!.join("\n")).toContain("12 allocation events were lost");
  });
});

describe.each(["jemalloc", "mimalloc"])("preload tracker on a program linked with %s", (lib) => {
  test.skipIf(!canLink(lib))(`other-allocator.c with -l${lib} allocates exactly what it is known to`, async () => {
    const prog = compile("other-allocator.c", dir, [`-l${lib}`]);
    renameSync(prog, `${prog}-${lib}`);
    const got = (await runDirect([`${prog}-${lib}`], `test::${lib}`)).measurement!.benchmarks[0]!.metrics;
    // jemalloc 5.3 links libstdc++, whose start-up allocation (empty.cpp) then goes through jemalloc.
    const runtime = loadsLibstdcxx(`${prog}-${lib}`) ? (await metricsOf("empty.cpp")).metrics : { alloc_count: 0, total_allocated_bytes: 0, peak_bytes: 0, free_count: 0 };
    expect(delta(got, runtime, Object.keys(KNOWN_OTHER_ALLOCATOR))).toEqual({ ...KNOWN_OTHER_ALLOCATOR });
  });
});

// The artifact (what is uploaded) carries what it did before the ring and tick timestamps: every
// event of realloc-chain.c in program order, each realloc linked to the block it replaced, and
// CLOCK_MONOTONIC timestamps inside the benchmark window.
describe.skipIf(!hasCompiler)("preload tracker: no loss of information", () => {
  test("realloc-chain.c's artifact holds its known events, in order, with their links and runner-clock timestamps", async () => {
    const before = monotonicNs();
    const { run } = await metricsOf("realloc-chain.c");
    const after = monotonicNs();
    const results = join(run.profileFolder, "results");
    const artifact = readdirSync(results).find((f) => f.endsWith(".MemtrackArtifact.msgpack"))!;
    const events = readArtifact(join(results, artifact), pluginLibs()).events;
    expect(events.map((e) => [e.type, Number(e.size)])).toEqual([
      ["Malloc", 16],
      ["Realloc", 32],
      ["Realloc", 64],
      ["Realloc", 128],
      ["Realloc", 256],
      ["Free", 0],
      [expect.stringMatching(/^(Realloc|Malloc)$/), 8], // gcc may turn realloc(NULL, 8) into malloc(8)
      ["Free", 0],
    ]);
    for (let i = 1; i <= 4; i++) expect(events[i]!.oldAddr).toBe(events[i - 1]!.addr);
    expect(events[5]!.addr).toBe(events[4]!.addr);
    if (events[6]!.type === "Realloc") expect(events[6]!.oldAddr).toBe(0n); // realloc(NULL, 8)
    expect(events[7]!.addr).toBe(events[6]!.addr);
    expect(new Set(events.map((e) => e.pid)).size).toBe(1);
    expect(events.every((e) => e.tid === e.pid)).toBe(true); // the main thread
    for (let i = 1; i < events.length; i++) expect(events[i]!.timestamp).toBeGreaterThan(events[i - 1]!.timestamp);
    expect(events[0]!.timestamp).toBeGreaterThan(before);
    expect(events.at(-1)!.timestamp).toBeLessThan(after);
  });
});
