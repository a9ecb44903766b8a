// Regressions of the preload tracker found in review, each on a real C program (test/memory/programs)
// run through the plugin's hooks.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readArtifact } from "../../plugins/memory/artifact.ts";
import { archBuildPath, normaliseArch } from "../../plugins/memory/build-preload.ts";
import { pluginLibs } from "../../src/plugin/libs.ts";
import { readEventDir } from "../../plugins/memory/preload-events.ts";
import { sortByTime } from "../../plugins/memory/stats.ts";
import { cleanupTempDirs, compile, ensurePreload, hasCompiler, PROGRAMS, runDirect, tempDir } from "./memory-driver.ts";

afterAll(() => {
  if (canMount) spawnSync("umount", [mnt]); // still mounted when the test was filtered out
  cleanupTempDirs();
});

const dir = tempDir("regress");
const preloadLibrary = (): string => archBuildPath(normaliseArch(process.arch));

/** The preload tracker's environment for a program run directly, recording into `events` from its start (the on-flag set). */
function trackingEnv(events: string, extra: Record<string, string> = {}, flag = join(events, "flag")): NodeJS.ProcessEnv {
  writeFileSync(flag, new Uint8Array([1]));
  return { ...process.env, LD_PRELOAD: preloadLibrary(), PACER_MEMTRACK_DIR: events, PACER_MEMTRACK_FLAG: flag, ...extra };
}

beforeAll(async () => {
  if (hasCompiler) await ensurePreload();
}, 120_000);

describe.skipIf(!hasCompiler)("preload tracker regressions", () => {
  test("a free racing with a malloc of the same address in another thread is ordered first", async () => {
    const prog = compile("handoff.c", dir, ["-pthread"], PROGRAMS);
    const count = 100_000;
    // One arena and no per-thread cache: the block one thread frees is the next the other gets.
    const env = { GLIBC_TUNABLES: "glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1" };
    const run = await runDirect([prog, String(count)], "test::handoff", { env });
    const m = run.measurement!.benchmarks[0]!.metrics;
    const thread = Number(m.total_allocated_bytes) - count * 1000; // pthread_create's TLS calloc
    expect(m.alloc_count).toBe(count + 1);
    expect(m.free_count).toBe(count);
    // At most 64 blocks of 1000 bytes are ever allocated at once.
    expect(Number(m.peak_bytes) - thread).toBeLessThanOrEqual(64_000);
    // In the artifact (timestamp order) no malloc returns an address whose free is still to come.
    const results = join(run.profileFolder, "results");
    const artifact = readdirSync(results).find((f) => f.endsWith(".MemtrackArtifact.msgpack"))!;
    const live = new Set<bigint>();
    let onLive = 0;
    for (const e of readArtifact(join(results, artifact), pluginLibs()).events) {
      if (e.type === "Free") live.delete(e.addr);
      else if (live.has(e.addr)) onLive++;
      else live.add(e.addr);
    }
    expect(onLive).toBe(0);
  }, 60_000);

  test("a realloc that fails records nothing and loses nothing (its slot was reserved before the call)", async () => {
    const prog = compile("realloc-fail.c", dir, [], PROGRAMS);
    const r = (await runDirect([prog], "test::realloc-fail")).measurement!;
    expect(r.benchmarks[0]!.metrics).toEqual({ alloc_count: 1, total_allocated_bytes: 10, peak_bytes: 10, free_count: 1 });
    expect(r.benchmarks[0]!.detail).toMatchObject({ lostEventsInRun: 0 });
  }, 30_000);

  test("a program that clears its environment before it allocates is still measured", async () => {
    const prog = compile("clearenv.c", dir, [], PROGRAMS);
    const m = (await runDirect([prog], "test::clearenv")).measurement!.benchmarks[0]!.metrics;
    expect(m).toEqual({ alloc_count: 3, total_allocated_bytes: 300, peak_bytes: 300, free_count: 3 });
  }, 30_000);

  test("an event file that cannot be set up is reported, and leaves no partial file", async () => {
    const prog = compile("malloc-free.c", dir);
    // 2^60 events of 32 bytes: beyond the largest file offset, so sizing the file fails on any file
    // system (a tmpfs takes a 176 TB sparse file, now that only the ring is mapped).
    const r = await runDirect([prog], "test::too-big", { capacity: 2 ** 60 });
    expect(r.measurement!.notes!.join("\n")).toMatch(/Process \d+ recorded nothing: (Sizing|Mapping) the event file failed: .+ \(capacity \d+ events\)/);
    expect(r.measurement!.benchmarks[0]!.metrics.alloc_count).toBe(0);
    // What the folder holds afterwards: the process's identity and the reason, no event file.
    const events = tempDir("too-big");
    const env = trackingEnv(events, { PACER_MEMTRACK_CAPACITY: String(2 ** 60) });
    expect(spawnSync(prog, { env }).status).toBe(0);
    expect(readdirSync(events).map((n) => n.replace(/^\d+\.\d+\./, "")).sort()).toEqual(["error", "flag", "proc"]);
  }, 30_000);

  test("a process whose parent exited and allocated nothing stays in the benchmark's tree", async () => {
    const prog = compile("orphan.c", dir, [], PROGRAMS);
    const m = (await runDirect([prog], "test::orphan")).measurement!.benchmarks[0]!.metrics;
    expect(m).toEqual({ alloc_count: 2, total_allocated_bytes: 1100, peak_bytes: 1100, free_count: 2 });
  }, 30_000);
});

// Needs root to mount a small tmpfs: the event folder runs out of space while the program records.
function tryMount(mnt: string): boolean {
  mkdirSync(mnt, { recursive: true });
  return process.getuid?.() === 0 && spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]).status === 0;
}
const mnt = join(dir, "small-tmpfs");
const canMount = hasCompiler && tryMount(mnt);

describe.skipIf(!canMount)("preload tracker on a full disk", () => {
  test("recording stops and the rest is counted as lost, instead of a SIGBUS", async () => {
    const prog = compile("churn.c", dir);
    // 3 MiB: the 2 MiB ring fits, then about 1 MiB of drained events.
    try {
      const env = trackingEnv(mnt, {}, join(dir, "flag-on"));
      const run = spawnSync(prog, ["100000"], { env });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
      const [rec] = readEventDir(mnt);
      expect(rec!.storageErrno).toBe(28); // ENOSPC
      // What fitted beside the 2 MiB ring was written; every later event is counted as lost.
      expect(rec!.events.length).toBeGreaterThan(1000);
      expect(rec!.events.length + rec!.lost).toBe(200_000);
    } finally {
      spawnSync("umount", [mnt]);
    }
  }, 30_000);

  test("the clock pairs among the events it could not write are not counted as lost allocations", async () => {
    // Slow enough (100 pairs a millisecond) that the writer's clock pairs, one every 5 ms, are in
    // every stretch of the ring the full disk discards: each used to count as one more lost event.
    const prog = compile("paced-churn.c", dir, [], PROGRAMS);
    spawnSync("umount", [mnt]); // the mount made for the test above, when it ran
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]).status).toBe(0);
    try {
      const run = spawnSync(prog, ["60000", "100"], { env: trackingEnv(mnt, {}, join(dir, "flag-paced")) });
      expect(run.status).toBe(0);
      const [rec] = readEventDir(mnt);
      expect(rec!.storageErrno).toBe(28);
      expect(rec!.events.length).toBeGreaterThan(1000);
      expect(rec!.events.length + rec!.lost).toBe(120_000);
    } finally {
      spawnSync("umount", [mnt]);
    }
  }, 30_000);
});

// The ring the allocating threads write into: many threads at once, a ring small enough to be full
// all the time (they wait, never drop), and ends that skip the library's final drain.
describe.skipIf(!hasCompiler)("preload tracker ring", () => {
  const threads = 16;
  const rounds = 5000;
  // pthread_create allocates each thread's TLS vector with calloc: one allocation per thread; glibc
  // frees some of them when it recycles thread stacks (how many depends on the scheduling).
  const expected = (tls: number) => ({ alloc_count: threads * rounds * 2 + threads, total_allocated_bytes: threads * rounds * 72 + tls });

  test.each([
    ["returns from main, default ring", "return", {}],
    ["returns from main, 64-slot ring (always full)", "return", { PACER_MEMTRACK_RING: "64" }],
    ["ends with _exit: the last events are read from the ring", "exit", { PACER_MEMTRACK_RING: "4096" }],
    ["is killed: the last events are read from the ring", "kill", { PACER_MEMTRACK_RING: "4096" }],
    ["has no writer thread (allocating threads drain the full ring)", "return", { PACER_MEMTRACK_RING: "256", PACER_MEMTRACK_WRITER: "0" }],
  ] as const)("16 threads allocating at once lose nothing when the program %s", async (_, end, env) => {
    const prog = compile("many-threads.c", dir, ["-O2", "-pthread"], PROGRAMS);
    const run = await runDirect([prog, String(threads), String(rounds), end], `test::threads-${end}`, { env });
    const b = run.measurement!.benchmarks[0]!;
    const m = b.metrics;
    const tls = Number(m.total_allocated_bytes) - threads * rounds * 72;
    expect(tls).toBeGreaterThan(0);
    expect(tls % threads).toBe(0); // one TLS vector of the same size per thread
    expect(m).toMatchObject(expected(tls));
    expect(Number(m.free_count) - threads * rounds).toBeWithin(0, threads + 1);
    expect(b.detail).toMatchObject({ lostEventsInRun: 0 });
  }, 60_000);

  test("a full ring makes the allocating threads wait, counted in the file, and every event is there", () => {
    const prog = compile("many-threads.c", dir, ["-O2", "-pthread"], PROGRAMS);
    const events = tempDir("ring-waits");
    const env = trackingEnv(events, { PACER_MEMTRACK_RING: "16" });
    expect(spawnSync(prog, ["8", "2000"], { env }).status).toBe(0);
    const [rec] = readEventDir(events);
    expect(rec!.waits).toBeGreaterThan(0);
    expect(rec!.lost + rec!.torn).toBe(0);
    const count = (t: string) => rec!.events.filter((e) => e.type === t).length;
    expect([count("Malloc"), count("Realloc")]).toEqual([16_000, 16_000]);
    // Every block the program reallocated is freed once, after its realloc.
    const live = new Map<bigint, string>();
    let freedReallocs = 0;
    for (const e of sortByTime([...rec!.events])) {
      if (e.type === "Free") freedReallocs += live.get(e.addr) === "Realloc" ? 1 : 0;
      if (e.type === "Realloc") live.delete(e.oldAddr!);
      live.set(e.addr, e.type);
    }
    expect(freedReallocs).toBe(16_000);
    expect(rec!.events.filter((e) => e.type === "Realloc").every((e) => e.oldAddr !== undefined && e.oldAddr !== 0n)).toBe(true);
  }, 60_000);

  test("events a program recorded just before _exit are read from the ring part of its file", () => {
    const prog = compile("many-threads.c", dir, ["-O2", "-pthread"], PROGRAMS);
    const events = tempDir("ring-exit");
    // No writer thread: nothing is drained before _exit, so every event is read from the ring.
    const env = trackingEnv(events, { PACER_MEMTRACK_WRITER: "0" });
    expect(spawnSync(prog, ["1", "10", "exit"], { env }).status).toBe(0);
    const file = readdirSync(events).find((n) => n.endsWith(".events"))!;
    const head = Buffer.alloc(192);
    const fd = openSync(join(events, file), "r"); // sparse, sized for the whole capacity: the header only
    readSync(fd, head, 0, 192, 0);
    closeSync(fd);
    const header = new DataView(head.buffer, head.byteOffset, 192);
    expect(header.getBigUint64(48, true)).toBe(0n); // written
    expect(header.getBigUint64(64, true)).toBeGreaterThan(30n); // next
    const [rec] = readEventDir(events);
    expect(rec!.events.map((e): string => e.type).filter((t) => t !== "Calloc")).toEqual(Array.from({ length: 10 }, () => ["Malloc", "Realloc", "Free"]).flat());
    expect(rec!.lost + rec!.torn).toBe(0);
  }, 30_000);
});
