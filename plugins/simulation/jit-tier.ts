/**
 * Keeps functions out of JavaScriptCore's top JIT tier (FTL). A callgrind file is parsed once per
 * process, so the compile is part of the parse's cost: FTL compiles on its own threads, and for the
 * per-name and per-function work (a few hundred thousand calls each: lookups, adding a summed vector,
 * the dispatch of non-cost lines) it costs more CPU than its faster code saves them; the DFG tier is
 * enough there. The cost-line loop and the name hash, which walk nearly every byte, keep FTL.
 *
 * On the bench's 173 MB file, interleaved runs: FTL compiling ~200 → ~64 ms
 * (`BUN_JSC_reportCompileTimes=1`); CPU 770 → 643 ms for the lookups, then 596 → 551 ms for the rest
 * (medians), wall time unchanged.
 *
 * @module
 */
import { noFTL } from "bun:jsc";

export function withoutTopTier(...fns: Array<Parameters<typeof noFTL>[0]>): void {
  for (const f of fns) noFTL(f);
}
