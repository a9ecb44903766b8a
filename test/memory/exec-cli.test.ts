// End to end: `pacer exec --mode memory -- ./prog` on small C/C++ programs compiled here. The counts
// and byte totals must equal what each program is known to allocate. Slow (one pacer run per
// program, serialised by the FIFO lock): the essential e2e of the memory instrument.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pluginLibs } from "../../src/plugin/libs.ts";
import { join } from "node:path";
import { memoryMetrics, pacer } from "./cli.ts";
import { delta, KNOWN, KNOWN_CXX_DELTA, KNOWN_STATIC_DELTA } from "./expectations.ts";
import { cleanupTempDirs, compile, ensurePreload, hasBpftrace, hasCompiler, tempDir } from "./memory-driver.ts";

afterAll(cleanupTempDirs);

const dir = tempDir("cli");

beforeAll(async () => {
  if (!hasCompiler) return;
  await ensurePreload();
  for (const f of [...Object.keys(KNOWN), "cxx.cpp", "empty.cpp"]) compile(f, dir);
}, 120_000);

function execMemory(prog: string, extra: string[] = []): ReturnType<typeof memoryMetrics> {
  const r = pacer(["exec", "--mode", "memory", "--skip-upload", "--json", ...extra, "--", `./${prog}`], dir);
  if (r.code !== 0) throw new Error(`pacer exec failed (${r.code}): ${r.stderr}`);
  return memoryMetrics(r.stdout);
}

describe.skipIf(!hasCompiler)("pacer exec --mode memory", () => {
  for (const [file, known] of Object.entries(KNOWN)) {
    const prog = file.replace(/\.c$/, "");
    test(`./${prog} measures exactly what it allocates`, () => {
      const { metrics, notes } = execMemory(prog);
      expect(metrics[`./${prog}`]).toEqual({ ...known });
      expect(notes[0]).toContain("preload library (dynamically linked)");
    }, 120_000);
  }

  test("the core writes results/ExecutionTimestamps.msgpack with the harness's benchmark window", () => {
    const profile = join(dir, "profile-timestamps");
    const r = pacer(["exec", "--mode", "memory", "--skip-upload", "--profile-folder", profile, "--", "./malloc-free"], dir);
    expect(r.code).toBe(0);
    const [ts] = pluginLibs().msgpack.decodeAll(readFileSync(join(profile, "results", "ExecutionTimestamps.msgpack"))) as Array<{
      uri_by_ts: Array<[bigint, string]>;
      markers: Array<Record<string, bigint>>;
    }>;
    expect(ts!.uri_by_ts.map(([, uri]) => uri)).toEqual(["exec_harness::./malloc-free"]);
    expect(ts!.markers.map((m) => Object.keys(m)[0])).toEqual(["SampleStart", "SampleEnd"]);
  }, 120_000);

  test("./cxx measures its new/delete on top of the C++ runtime's start-up allocation", () => {
    const base = execMemory("empty").metrics["./empty"]!;
    const cxx = execMemory("cxx").metrics["./cxx"]!;
    expect(base.alloc_count).toBe(1);
    expect(delta(cxx, base, Object.keys(KNOWN_CXX_DELTA))).toEqual({ ...KNOWN_CXX_DELTA });
  }, 240_000);

  test("a malformed artifact left in the profile folder is reported, and the run still succeeds", () => {
    const profile = join(dir, "profile-with-junk");
    mkdirSync(join(profile, "results"), { recursive: true });
    writeFileSync(join(profile, "results", "4242.MemtrackArtifact.msgpack"), Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x10, 0x81]));
    const r = pacer(["exec", "--mode", "memory", "--skip-upload", "--json", "--profile-folder", profile, "--", "./malloc-free"], dir);
    expect(r.code).toBe(0);
    const { metrics, notes } = memoryMetrics(r.stdout);
    expect(metrics["./malloc-free"]).toEqual({ ...KNOWN["malloc-free.c"]! });
    expect(notes.find((n) => n.includes("4242.MemtrackArtifact.msgpack"))).toMatch(/is malformed: not a complete zstd stream/);
  }, 120_000);

  test.skipIf(!hasBpftrace)("a statically linked program is measured with eBPF uprobes", () => {
    compile("static.c", dir, ["-static"]);
    compile("static-empty.c", dir, ["-static"]);
    const a = execMemory("static");
    const b = execMemory("static-empty");
    expect(a.notes[0]).toContain("eBPF uprobes");
    expect(delta(a.metrics["./static"]!, b.metrics["./static-empty"]!, Object.keys(KNOWN_STATIC_DELTA))).toEqual(KNOWN_STATIC_DELTA);
  }, 240_000);
});
