/**
 * End to end: `pacer run/exec --mode walltime` on real integrations, with real perf around them.
 * These runs use the machine-wide runner FIFOs (the FIFO server serialises them with a lock).
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeUnwindData } from "../helpers/decode-unwind-data.ts";

// Each test runs pacer (and perf) for real: tens of seconds on this 2-core VM.
setDefaultTimeout(300_000);

const ROOT = join(import.meta.dir, "../..");
const hasPerf = !!Bun.which("perf");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pacer(args: string[], env: Record<string, string> = {}) {
  const profile = mkdtempSync(join(tmpdir(), "pacer-wt-e2e-"));
  dirs.push(profile);
  const r = Bun.spawnSync(["npx", "bun", "src/cli.ts", ...args.slice(0, 1), "--mode", "walltime", "--skip-upload", "--skip-setup", "--profile-folder", profile, ...args.slice(1)], {
    cwd: ROOT,
    // The profile is made at once (not left for a report: test/walltime/deferred-profile.test.ts).
    env: { ...process.env, PACER_DEFER_PROFILE: "0", ...env, CODSPEED_LOG: "info" },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 240_000,
  });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString(), profile };
}

/** Record types of a perf pipe-mode file ("PERFILE2", header size, then perf_event_header records). */
function recordTypes(file: string): Map<number, number> {
  const b = readFileSync(file);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  expect(b.subarray(0, 8).toString()).toBe("PERFILE2");
  const types = new Map<number, number>();
  for (let off = Number(dv.getBigUint64(8, true)); off + 8 <= b.length; ) {
    const size = dv.getUint16(off + 6, true);
    types.set(dv.getUint32(off, true), (types.get(dv.getUint32(off, true)) ?? 0) + 1);
    if (size === 0) break;
    off += size;
  }
  return types;
}
const PERF_RECORD_COMPRESSED = 81;

function folded(profile: string, match: string): string {
  const f = readdirSync(join(profile, "folded")).find((n) => n.includes(match));
  expect(f).toBeDefined();
  return readFileSync(join(profile, "folded", f!), "utf8");
}

describe.skipIf(!hasPerf)("walltime with perf", () => {
  test("tinybench: compressed perf data, per-benchmark folded stacks with the benchmark's functions, the table", () => {
    const r = pacer(["run", "--", "node", "examples/tinybench/bench.mjs"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Walltime Instrument");
    expect(r.out).toMatch(/│ fib 15\s+│\s+[\d.]+ [µnm]?s │/);
    // This VM has no hardware PMU: the event group is off, with the reason (a machine with a PMU
    // prints nothing for it).
    const pmu = Bun.spawnSync(["perf", "stat", "-x", ",", "-e", "cpu-cycles", "--", "true"], { stderr: "pipe" }).stderr.toString();
    // The console has one summary line; runner.log keeps each feature's reason.
    if (pmu.includes("<not supported>")) {
      expect(r.out).toMatch(/\[walltime\] \d+ features off \(events, /);
      expect(readFileSync(join(r.profile, "runner.log"), "utf8")).toMatch(/\[walltime\] events: off \(cannot open "cpu-cycles"/);
    }
    expect(recordTypes(join(r.profile, "perf.pipedata")).get(PERF_RECORD_COMPRESSED)).toBeGreaterThan(0);
    for (const f of ["ExecutionTimestamps.msgpack", "perf.metadata"]) expect(existsSync(join(r.profile, f))).toBe(true);
    const mapFile = readdirSync(r.profile).find((f) => /^perf-\d+\.map$/.test(f));
    expect(mapFile).toBeDefined();
    // Native symbols of node follow the JIT lines, at node's (non-PIE) stated address: only those the
    // samples hit (V8's own C++, which every node run spends time in), not node's whole table.
    const map = readFileSync(join(r.profile, mapFile!), "utf8");
    expect(map).toMatch(/^[0-9a-f]+ [0-9a-f]+ JS:/m);
    expect(map).toMatch(/^[0-9a-f]+ [0-9a-f]+ _ZN\S+$/m);
    expect(map.split("\n").filter((l) => /^[0-9a-f]+ [0-9a-f]+ _Z/.test(l)).length).toBeLessThan(20_000);
    const unwind = readdirSync(r.profile).filter((f) => /^\d+_[0-9a-f]+_[0-9a-f]+_0\.unwind_data$/.test(f));
    expect(unwind.length).toBeGreaterThan(0);
    const node = unwind.map((f) => decodeUnwindData(readFileSync(join(r.profile, f)))).find((u) => u.path.endsWith("/node"));
    expect(node?.ehFrameHdr[0]).toBe(1);
    expect(folded(r.profile, "fib_15")).toMatch(/;JS:[*~^+]?fib file:\/\/.*bench\.mjs:\d+:\d+(;|\s)/);
    // V8 may inline the small helpers into the task's arrow function: its source position remains.
    expect(folded(r.profile, "array_sort")).toMatch(/JS:\S* ?(sortArray )?file:\/\/.*bench\.mjs:/);
    expect(folded(r.profile, "json_roundtrip")).toMatch(/bench\.mjs:\d+:\d+;.*Json(Stringify|Parse)/);
    expect(readdirSync(ROOT).some((f) => /^jit-\d+\.dump$/.test(f))).toBe(false);
    const meta = JSON.parse(readFileSync(join(r.profile, "perf.metadata"), "utf8"));
    expect(meta.integration).toEqual(["codspeed-node", "5.7.1"]);
    // node is hidden by the path node itself reports (Debian's /usr/bin/nodejs, nvm…), resolved.
    const ignored = (meta.ignored_modules as Array<[string, number, number]>).find((m) => m[0] === realpathSync(Bun.which("node")!));
    expect(ignored?.[2]).toBeGreaterThan(ignored?.[1] ?? Infinity);
  });

  test("vitest-plugin (other event order, shifted FIFO URIs): each benchmark gets its own stacks", () => {
    const r = pacer(["run", "--", "npx", "vitest", "bench", "--run", "--config", "test/fixtures/walltime/vitest/vitest.config.mjs"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/│ fib 18 /);
    expect(r.out).toMatch(/│ top level sort /);
    expect(folded(r.profile, "math_fib_18")).toContain("fibPacerVitest");
    const sort = folded(r.profile, "demo.bench.ts_top_level_sort");
    expect(sort).toContain("sortPacerVitest");
    expect(sort).not.toContain("fibPacerVitest");
  });

  test("exec: the harness runs under perf", () => {
    const r = pacer(["exec", "--warmup-time", "0", "--max-rounds", "3", "--", "sleep", "0.01"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/│ sleep 0\.01 /);
    expect(existsSync(join(r.profile, "perf.pipedata"))).toBe(true);
    expect(readdirSync(join(r.profile, "folded"))).toHaveLength(1);
  });

  test("a failing benchmark fails the run as a benchmark failure", () => {
    const r = pacer(["run", "--", "node", "-e", "process.exit(3)"]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("The benchmark command failed: it exited with code 3");
    expect(r.out).not.toContain("perf record failed");
  });
});

describe("walltime without perf", () => {
  test("CODSPEED_PERF_ENABLED=false: no perf, no FIFO, results from the integration's JSON", () => {
    const r = pacer(["run", "--", "node", "examples/tinybench/bench.mjs"], { CODSPEED_PERF_ENABLED: "false" });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Walltime Instrument");
    expect(r.out).toContain("json roundtrip");
    expect(existsSync(join(r.profile, "perf.pipedata"))).toBe(false);
    expect(existsSync(join(r.profile, "ExecutionTimestamps.msgpack"))).toBe(false);
    // node's --perf-prof output went to the profile folder, not the project.
    expect(readdirSync(r.profile).some((f) => /^jit-\d+\.dump$/.test(f))).toBe(true);
  });

  test("no results is the reference's error unless --allow-empty", () => {
    const r = pacer(["run", "--", "true"], { CODSPEED_PERF_ENABLED: "false" });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("The command did not produce any CodSpeed result to process");
    expect(pacer(["run", "--allow-empty", "--", "true"], { CODSPEED_PERF_ENABLED: "false" }).code).toBe(0);
  });
});
