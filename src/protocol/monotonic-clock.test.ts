import { describe, expect, test } from "bun:test";
import { which } from "../system/subprocess.ts";
import { monotonicClockSource, monotonicNs } from "./monotonic-clock.ts";

const node = which("node");
const repoRoot = new URL("../../", import.meta.url).pathname;

describe("monotonicNs", () => {
  test("reads clock_gettime(CLOCK_MONOTONIC) through bun:ffi under Bun", () => {
    expect(monotonicClockSource()).toBe("clock_gettime");
    const a = monotonicNs();
    const b = monotonicNs();
    expect(b).toBeGreaterThanOrEqual(a);
  });

  test("is since boot, not since process start like Bun's process.hrtime", async () => {
    const uptimeS = Number((await Bun.file("/proc/uptime").text()).split(" ")[0]);
    const monoS = Number(monotonicNs()) / 1e9;
    // CLOCK_MONOTONIC never runs ahead of CLOCK_BOOTTIME (/proc/uptime): rules out wall-clock time…
    expect(monoS).toBeLessThanOrEqual(uptimeS + 1);
    // …and it counts from boot, so it is ahead of Bun's since-process-start hrtime.
    expect(monoS).toBeGreaterThan(Number(process.hrtime.bigint()) / 1e9);
  });

  test.skipIf(!node)("matches currentTimestamp() of the @codspeed/core native addon (same clock)", () => {
    const before = monotonicNs();
    const r = Bun.spawnSync(
      [node!, "-e", 'process.stdout.write(String(require("@codspeed/core").InstrumentHooks.currentTimestamp()))'],
      { cwd: repoRoot, env: { ...process.env, CODSPEED_ENV: "" } },
    );
    const after = monotonicNs();
    expect(r.exitCode).toBe(0);
    const theirs = BigInt(r.stdout.toString());
    expect(theirs).toBeGreaterThanOrEqual(before);
    expect(theirs).toBeLessThanOrEqual(after);
  });
});
