/**
 * The compiled `dist/pacer` (built by `npm run build`): runs from a folder with no node_modules,
 * compresses with its embedded zstd binding, and runs the examples end to end.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pluginLibs } from "../../src/plugin/libs.ts";
import { BINARY, hasBinary, runPacer } from "../helpers/pacer.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "pacer-bin-"));
  dirs.push(d);
  return d;
}

describe.skipIf(!hasBinary())("dist/pacer (needs `npm run build`)", () => {
  test("runs from another folder without node_modules and round-trips zstd", async () => {
    const dir = tempDir();
    copyFileSync(BINARY, join(dir, "pacer"));
    const proc = Bun.spawnSync([join(dir, "pacer"), "__selftest"], { cwd: dir, env: { PATH: "/usr/bin:/bin" } });
    expect(proc.exitCode).toBe(0);
    const self = JSON.parse(proc.stdout.toString());
    expect(self.zstd).toMatchObject({ backend: "zstd-napi", ok: true });
  });

  test("exec -- sleep 0.01 prints statistics", async () => {
    const r = await runPacer(["exec", "--skip-upload", "--max-rounds", "5", "--warmup-time", "0", "--", "sleep", "0.01"], { binary: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Walltime Instrument");
    // Rounds are timed from before the spawn: never below what `sleep 0.01` takes, however loaded the machine.
    const row = r.stdout.match(/sleep 0\.01\s+│\s+(\d+\.\d\d) ms\s+│\s+5 │/);
    expect(row).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThanOrEqual(10);
    expect(r.stderr).toContain("Spawn overhead");
  }, 120_000);

  test("doctor prints a probe table for every instrument", async () => {
    const r = await runPacer(["doctor"], { binary: true });
    expect(r.code).toBe(0);
    for (const name of ["simulation", "walltime", "memory"]) expect(r.stdout).toMatch(new RegExp(`^[✔~✘] ${name}: (supported|degraded|unsupported)$`, "m"));
    expect(r.stdout).toMatch(/^\s+(on |off)\s+\S+/m);
  }, 60_000);

  test("the tinybench example under walltime: every benchmark in the table, the FIFO exchange recorded", async () => {
    const profile = tempDir();
    const r = await runPacer(
      ["run", "--mode", "walltime", "--skip-upload", "--profile-folder", profile, "--", "node", "examples/tinybench/bench.mjs"],
      { binary: true, timeoutMs: 240_000 },
    );
    expect(r.code).toBe(0);
    for (const name of ["fib 15", "array sort 1k", "json roundtrip"]) expect(r.stdout).toContain(name);
    // Handshake + per-benchmark events + markers, as the runner recorded them.
    const files = readdirSync(profile);
    expect(files).toContain("ExecutionTimestamps.msgpack");
    const [ts] = pluginLibs().msgpack.decodeAll(readFileSync(join(profile, "ExecutionTimestamps.msgpack"))) as Array<{
      uri_by_ts: Array<[bigint, string]>;
      markers: Array<Record<string, bigint>>;
    }>;
    expect(ts!.uri_by_ts.map(([, uri]) => uri)).toEqual([
      "examples/tinybench/bench.mjs::demo::fib 15",
      "examples/tinybench/bench.mjs::demo::array sort 1k",
      "examples/tinybench/bench.mjs::demo::json roundtrip",
    ]);
    const kinds = ts!.markers.map((m) => Object.keys(m)[0]);
    expect(kinds.filter((k) => k === "SampleStart")).toHaveLength(3);
    expect(kinds.filter((k) => k === "BenchmarkStart")).toHaveLength(3);
    const log = readFileSync(join(profile, "runner.log"), "utf8");
    expect(log).toContain("[CodSpeed] running with @codspeed/tinybench");
  }, 300_000);
});
