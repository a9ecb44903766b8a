/**
 * Where a mapped module's stated addresses landed (reference §4.8): the `PT_LOAD` segment whose
 * file range contains, or is contained in, the mapping's file range gives the bias
 * `runtime address - stated address`. The kernel maps whole pages, so a segment at file offset
 * 0x4d26c is mapped from page offset 0x4d000: both directions of containment occur.
 *
 * @module
 */
import type { LoadSegment } from "../../../src/toolkit/elf/headers.ts";

const U64 = (1n << 64n) - 1n;

/** An executable mapping from the perf data: `[start, end)` mapped from file offset `pgoff`. */
export interface Mapping {
  start: bigint;
  end: bigint;
  pgoff: bigint;
}

/** Wrapping u64 addition, as the reference does for addresses and biases. */
export const wrapAdd = (a: bigint, b: bigint): bigint => (a + b) & U64;

/**
 * The load bias of `m`, or undefined when no `PT_LOAD` segment matches its file range.
 *
 * @example
 * // a PIE's text mapped at 0x5555555a2000 from page offset 0x4d000; segment at 0x4d26c/0x4e26c
 * loadBias([{ offset: 0x4d26cn, vaddr: 0x4e26cn, filesz: 0xef24an }], { start: 0x5555555a2000n, end: 0x555555692000n, pgoff: 0x4d000n });
 * // → 0x555555554000n
 */
export function loadBias(loads: LoadSegment[], m: Mapping): bigint | undefined {
  const from = m.pgoff;
  const to = m.pgoff + (m.end - m.start);
  const seg = loads.find((s) => (s.offset <= from && to <= s.offset + s.filesz) || (from <= s.offset && s.offset + s.filesz <= to));
  if (!seg) return undefined;
  const runtimeStart = m.start + (seg.offset - m.pgoff);
  return (runtimeStart - seg.vaddr) & U64;
}

/** The stated address samply and the CodSpeed parser count relative addresses from: the first `PT_LOAD`'s vaddr. */
export const baseSvma = (loads: LoadSegment[]): bigint => loads[0]?.vaddr ?? 0n;
