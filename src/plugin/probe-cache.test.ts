import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestPlugin } from "../../test/helpers/test-plugin.ts";
import { runProbe } from "./driver.ts";
import { invalidateProbeCache, readProbeCache, writeProbeCache } from "./probe-cache.ts";
import { userCacheDir } from "../system/user-cache.ts";
import type { ProbeResult } from "./types.ts";

const RESULT: ProbeResult = { status: "degraded", features: { perf: { enabled: true, value: "perf 6.1" }, zstd: { enabled: false, reason: "no" } }, reasons: [] };
let home: string;
let saved: string | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "pacer-probe-cache-test-"));
  saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = join(home, "cache");
});
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
  rmSync(home, { recursive: true, force: true });
});

describe("probe cache storage", () => {
  test("lives under XDG_CACHE_HOME/pacer (else ~/.cache/pacer), created 0700", () => {
    expect(userCacheDir({ XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/x/pacer");
    expect(userCacheDir({ XDG_CACHE_HOME: "relative", HOME: "/h" })).toBe("/h/.cache/pacer");
    expect(userCacheDir({ HOME: "/h" })).toBe("/h/.cache/pacer");
    writeProbeCache("walltime", "k1", RESULT);
    expect(statSync(join(home, "cache", "pacer")).mode & 0o777).toBe(0o700);
  });

  test("gives back what was stored under the same key only", () => {
    writeProbeCache("walltime", "k1", RESULT);
    expect(readProbeCache("walltime", "k1")).toEqual(RESULT);
    expect(readProbeCache("walltime", "k2")).toBeUndefined();
    expect(readProbeCache("simulation", "k1")).toBeUndefined();
  });

  test("a corrupt or wrongly shaped entry counts as missing", () => {
    writeProbeCache("walltime", "k1", RESULT);
    const file = join(home, "cache", "pacer", "probe-walltime.json");
    writeFileSync(file, "{not json");
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
    writeFileSync(file, JSON.stringify({ format: 2, entries: [{ key: "k1", result: { status: "great", features: {} } }] }));
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
    writeFileSync(file, JSON.stringify({ format: 99, entries: [{ key: "k1", result: RESULT }] }));
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
    // The one-entry file of earlier versions: probed again, then stored in today's format.
    writeFileSync(file, JSON.stringify({ format: 1, key: "k1", result: RESULT }));
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
    writeProbeCache("walltime", "k1", RESULT);
    expect(readProbeCache("walltime", "k1")).toEqual(RESULT);
  });

  test("an entry that is a symlink is not followed", () => {
    const elsewhere = join(home, "planted.json");
    writeFileSync(elsewhere, JSON.stringify({ format: 2, entries: [{ key: "k1", result: RESULT }] }));
    mkdirSync(join(home, "cache", "pacer"), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, join(home, "cache", "pacer", "probe-walltime.json"));
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
  });

  test("a cache folder that is a symlink or writable by others is not used", () => {
    const real = join(home, "real");
    mkdirSync(real, { mode: 0o700 });
    mkdirSync(join(home, "cache"));
    symlinkSync(real, join(home, "cache", "pacer"));
    writeProbeCache("walltime", "k1", RESULT);
    expect(existsSync(join(real, "probe-walltime.json"))).toBe(false);
    rmSync(join(home, "cache", "pacer"));
    mkdirSync(join(home, "cache", "pacer"), { mode: 0o700 });
    writeProbeCache("walltime", "k1", RESULT);
    chmodSync(join(home, "cache", "pacer"), 0o777);
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
  });

  test("keeps the results of the last 8 keys, the one stored again counting as the newest", () => {
    const of = (i: number): ProbeResult => ({ ...RESULT, reasons: [`key ${i}`] });
    for (let i = 1; i <= 8; i++) writeProbeCache("walltime", `k${i}`, of(i));
    // Two environments in turn (another Python, another pacer) each find their own entry.
    expect(readProbeCache("walltime", "k1")).toEqual(of(1));
    expect(readProbeCache("walltime", "k8")).toEqual(of(8));
    writeProbeCache("walltime", "k1", of(11));
    writeProbeCache("walltime", "k9", of(9));
    expect(readProbeCache("walltime", "k1")).toEqual(of(11));
    expect(readProbeCache("walltime", "k2")).toBeUndefined();
    for (const i of [3, 4, 5, 6, 7, 8, 9]) expect(readProbeCache("walltime", `k${i}`)).toEqual(of(i));
    const file = JSON.parse(readFileSync(join(home, "cache", "pacer", "probe-walltime.json"), "utf8"));
    expect(file.entries.map((e: { key: string }) => e.key)).toEqual(["k9", "k1", "k8", "k7", "k6", "k5", "k4", "k3"]);
  });

  test("invalidate removes every entry of the plugin", () => {
    writeProbeCache("walltime", "k1", RESULT);
    writeProbeCache("walltime", "k2", RESULT);
    invalidateProbeCache("walltime");
    expect(readProbeCache("walltime", "k1")).toBeUndefined();
    expect(readProbeCache("walltime", "k2")).toBeUndefined();
    invalidateProbeCache("walltime");
  });
});

describe("runProbe with the cache", () => {
  const counting = (key: string | undefined, result: ProbeResult = RESULT) => {
    const calls = { n: 0 };
    const p = createTestPlugin({ name: "counted", probeKey: () => key, probe: () => (calls.n++, result) });
    return { p, calls };
  };

  test("use: the second probe comes from the cache; another key probes again", async () => {
    const a = counting("machine-1");
    expect((await runProbe([a.p], "use")).get("counted")).toEqual(RESULT);
    expect((await runProbe([a.p], "use")).get("counted")).toEqual(RESULT);
    expect(a.calls.n).toBe(1);
    const b = counting("machine-2");
    await runProbe([b.p], "use");
    expect(b.calls.n).toBe(1);
  });

  test("refresh always probes and stores; off neither reads nor writes", async () => {
    const a = counting("m");
    await runProbe([a.p], "refresh");
    await runProbe([a.p], "refresh");
    expect(a.calls.n).toBe(2);
    await runProbe([a.p], "off");
    expect(a.calls.n).toBe(3);
    const fresh = counting("never-stored");
    await runProbe([fresh.p], "off");
    await runProbe([fresh.p], "use");
    expect(fresh.calls.n).toBe(2);
  });

  test("no key, a throwing key, or an unsupported result: nothing is cached", async () => {
    const none = counting(undefined);
    await runProbe([none.p], "use");
    await runProbe([none.p], "use");
    expect(none.calls.n).toBe(2);
    let n = 0;
    const throwing = createTestPlugin({ name: "throws", probeKey: () => { throw new Error("boom"); }, probe: () => (n++, RESULT) });
    await runProbe([throwing], "use");
    await runProbe([throwing], "use");
    expect(n).toBe(2);
    const bad = counting("m", { status: "unsupported", features: {}, reasons: ["no tool"] });
    await runProbe([bad.p], "use");
    await runProbe([bad.p], "use");
    expect(bad.calls.n).toBe(2);
  });

  test("ctx.probeFailed drops the entry: the next run probes again", async () => {
    const a = counting("m");
    await runProbe([a.p], "use");
    a.p.ctx.probeFailed("perf", "perf record failed");
    await runProbe([a.p], "use");
    expect(a.calls.n).toBe(2);
    expect(JSON.parse(readFileSync(join(home, "cache", "pacer", "probe-counted.json"), "utf8")).entries[0].key).toContain("m");
  });
});
