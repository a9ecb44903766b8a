/**
 * Reliability of the per-machine probe cache (issue 16), for real with the built pacer: a cache
 * entry that is garbage, a cache folder that is a symlink, `pacer doctor` (always fresh) and
 * `pacer setup` (drops the entry). Each case has its own XDG_CACHE_HOME. Runs hold the runner lock:
 *   flock /tmp/pacer-tests.lock bun test test/reliability/wtperf.test.ts
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBinary, runPacer } from "../helpers/pacer.ts";

setDefaultTimeout(240_000);
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cacheHome(): string {
  const d = mkdtempSync(join(tmpdir(), "pacer-wtperf-cache-"));
  made.push(d);
  return d;
}

/** A walltime run that probes perf but profiles nothing: the harness times `true` twice. */
const execTrue = (env: Record<string, string>) =>
  runPacer(["exec", "--mode", "walltime", "--skip-setup", "--max-rounds", "2", "--warmup-time", "0", "--", "true"], { binary: true, env: { PACER_LOG: "debug", ...env } });

const entry = (home: string) => join(home, "pacer", "probe-walltime.json");

describe.skipIf(!hasBinary())("probe cache", () => {
  test("a garbage cache entry is ignored (fresh probe) and replaced by a valid one", async () => {
    const home = cacheHome();
    mkdirSync(join(home, "pacer"), { mode: 0o700 });
    writeFileSync(entry(home), "\u0000{ not json");
    const r = await execTrue({ XDG_CACHE_HOME: home });
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    expect(r.stderr).not.toContain("Probe result from the cache");
    expect(JSON.parse(readFileSync(entry(home), "utf8")).format).toBe(2);
    const again = await execTrue({ XDG_CACHE_HOME: home });
    expect(again.stderr).toContain("Probe result from the cache");
  });

  test("a cache folder that is a symlink is neither read nor written through", async () => {
    const home = cacheHome();
    const target = join(home, "elsewhere");
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(home, "pacer"));
    for (let i = 0; i < 2; i++) {
      const r = await execTrue({ XDG_CACHE_HOME: home });
      expect(r.code, r.stderr.slice(-1500)).toBe(0);
      expect(r.stderr).not.toContain("Probe result from the cache");
    }
    expect(readdirSync(target)).toEqual([]);
    expect(lstatSync(join(home, "pacer")).isSymbolicLink()).toBe(true);
  });

  test("PACER_PROBE_CACHE=0 and --no-probe-cache neither read nor write the cache", async () => {
    const home = cacheHome();
    const r = await execTrue({ XDG_CACHE_HOME: home, PACER_PROBE_CACHE: "0" });
    expect(r.code, r.stderr.slice(-1500)).toBe(0);
    expect(existsSync(entry(home))).toBe(false);
    await execTrue({ XDG_CACHE_HOME: home });
    const flag = await runPacer(["exec", "--mode", "walltime", "--skip-setup", "--no-probe-cache", "--max-rounds", "2", "--warmup-time", "0", "--", "true"], {
      binary: true,
      env: { PACER_LOG: "debug", XDG_CACHE_HOME: home },
    });
    expect(flag.code, flag.stderr.slice(-1500)).toBe(0);
    expect(flag.stderr).not.toContain("Probe result from the cache");
  });

  test("a run uses a planted entry, pacer doctor probes fresh, pacer setup drops it", async () => {
    const home = cacheHome();
    const doctor = await runPacer(["doctor", "--json"], { binary: true, env: { XDG_CACHE_HOME: home } });
    expect(doctor.code).toBe(0);
    // Doctor stored what it found; plant a marker feature in that entry (the key stays right).
    const stored = JSON.parse(readFileSync(entry(home), "utf8"));
    expect(stored.entries).toHaveLength(1);
    expect(stored.entries[0].result).toEqual(JSON.parse(doctor.stdout).instruments.walltime);
    stored.entries[0].result.features.planted = { enabled: false, reason: "planted by the test" };
    writeFileSync(entry(home), JSON.stringify(stored));
    const run = await execTrue({ XDG_CACHE_HOME: home });
    expect(run.code, run.stderr.slice(-1500)).toBe(0);
    expect(run.stderr).toContain("[walltime] planted: off (planted by the test)");
    const fresh = await runPacer(["doctor", "--json"], { binary: true, env: { XDG_CACHE_HOME: home } });
    expect(JSON.parse(fresh.stdout).instruments.walltime.features.planted).toBeUndefined();
    // Planted again; setup (nothing to do on a set-up machine) replaces it with a fresh probe.
    writeFileSync(entry(home), JSON.stringify(stored));
    const setup = await runPacer(["setup", "--mode", "walltime"], { binary: true, env: { XDG_CACHE_HOME: home } });
    expect(setup.code, setup.stderr.slice(-1500)).toBe(0);
    expect(existsSync(entry(home)) ? JSON.parse(readFileSync(entry(home), "utf8")).entries[0].result.features.planted : undefined).toBeUndefined();
  });
});
