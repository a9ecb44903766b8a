/**
 * Renames the JIT frames of perf samples with the time-aware jitdump index (see jit-index.ts).
 *
 * @module
 */
import type { JitIndex } from "./jit-index.ts";
import type { Sample } from "../perf/parse-perf-script.ts";

/** Frames perf resolved from a perf map, or could not resolve at all, may be JIT code. */
const JIT_DSO = /(^|\/)perf-\d+\.map$|^\[unknown\]$|^\/\/anon$|^\[anon/;

/** Rewrites `sym` of one sample's JIT frames in place; returns how many frames changed name. */
export function resymbolizeSample(s: Sample, indexes: Map<number, JitIndex>): number {
  const index = indexes.get(s.pid);
  if (!index) return 0;
  let changed = 0;
  for (const f of s.frames) {
    if (!JIT_DSO.test(f.dso)) continue;
    const name = index.resolve(BigInt(`0x${f.ip}`), s.timeNs);
    if (name && name !== f.sym) {
      f.sym = name;
      changed++;
    }
  }
  return changed;
}

/** {@link resymbolizeSample} for many samples; returns how many frames changed name. */
export function resymbolizeJitFrames(samples: Sample[], indexes: Map<number, JitIndex>): number {
  return samples.reduce((n, s) => n + resymbolizeSample(s, indexes), 0);
}
