/**
 * Keeps functions out of JavaScriptCore's top JIT tier (FTL). A callgrind file is parsed once per
 * process, so the compile is part of the parse's cost: FTL compiles on its own threads, and for the
 * per-name and per-function work (a few hundred thousand calls each: lookups, adding a summed vector)
 * it costs more CPU than its faster code saves them; the DFG tier is enough there. The cost-line loop,
 * run tens of millions of times, keeps FTL.
 *
 * On the bench's 173 MB file (7 interleaved runs): CPU 770 → 643 ms by medians, wall unchanged.
 *
 * @module
 */
import { noFTL } from "bun:jsc";

export function withoutTopTier(...fns: Array<Parameters<typeof noFTL>[0]>): void {
  for (const f of fns) noFTL(f);
}
