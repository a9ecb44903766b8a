/**
 * `CLOCK_MONOTONIC` in nanoseconds, the clock of the CodSpeed client's `currentTimestamp()` and of
 * the runner's receipt timestamps.
 *
 * Why not `process.hrtime.bigint()`: in Node it is `CLOCK_MONOTONIC`, but Bun (1.4.5) returns time
 * since process start (measured: 6 ms in Bun vs 1551 s from the @codspeed/core addon at the same
 * moment), so markers and receipt times would not line up. Bun gets the real clock from libc's
 * `clock_gettime` through `bun:ffi` (~160 ns a call); elsewhere hrtime is used.
 *
 * @module
 */

const CLOCK_MONOTONIC = 1;

type Clock = { source: "clock_gettime" | "hrtime"; now: () => bigint };
let clock: Clock | undefined;

function load(): Clock {
  if (typeof Bun === "undefined") return { source: "hrtime", now: () => process.hrtime.bigint() };
  try {
    // Loaded lazily: `bun:ffi` exists only in Bun, and this keeps the module importable elsewhere.
    const { dlopen, FFIType, ptr } = require("bun:ffi") as typeof import("bun:ffi");
    const lib = dlopen("libc.so.6", { clock_gettime: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 } });
    const ts = new BigInt64Array(2); // struct timespec { time_t tv_sec; long tv_nsec } on 64-bit Linux
    const p = ptr(ts);
    const fn = lib.symbols.clock_gettime;
    return {
      source: "clock_gettime",
      now: () => {
        fn(CLOCK_MONOTONIC, p);
        return ts[0]! * 1_000_000_000n + ts[1]!;
      },
    };
  } catch {
    return { source: "hrtime", now: () => process.hrtime.bigint() };
  }
}

/**
 * Current `CLOCK_MONOTONIC` time in nanoseconds.
 *
 * @example
 * ```ts
 * const t0 = monotonicNs();
 * await client.addMarker(process.pid, "BenchmarkStart", t0);
 * ```
 */
export function monotonicNs(): bigint {
  clock ??= load();
  return clock.now();
}

/** Which implementation {@link monotonicNs} uses (`hrtime` in Bun means markers are not comparable). */
export function monotonicClockSource(): Clock["source"] {
  clock ??= load();
  return clock.source;
}
