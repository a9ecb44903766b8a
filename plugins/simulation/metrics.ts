/**
 * From callgrind event counts to the simulation metrics of a benchmark (metric keys shared with
 * history and compare), including the estimated cycles and time.
 *
 * @module
 */

/** Cycles charged per access by level: an L1 hit, an LL hit (L1 miss), a RAM access (LL miss). */
export const CYCLES_PER = { l1: 1, ll: 5, ram: 35 } as const;

/** Clock frequency turning estimated cycles into estimated seconds (CodSpeed: `time = cycles / FREQUENCY`). */
export const FREQUENCY_HZ = 3e9;

/** How the estimates are computed, printed under the results table and in the README. */
export const FORMULA_NOTES = [
  `Estimated cycles = L1 hits + ${CYCLES_PER.ll}·LL hits + ${CYCLES_PER.ram}·RAM hits, where L1 hits = Ir + Dr + Dw − (I1mr + D1mr + D1mw), LL hits = (I1mr + D1mr + D1mw) − (ILmr + DLmr + DLmw), RAM hits = ILmr + DLmr + DLmw`,
  `Time = estimated cycles / ${FREQUENCY_HZ / 1e9} GHz; system calls are not included (shown as Sys. Time)`,
];

/** Nanoseconds per unit of callgrind's `sysTime` event, read from its description (`elapsed ns`). */
export function sysTimeScaleNs(description: string | undefined): number {
  if (!description) return 1;
  if (/\bms\)/.test(description)) return 1e6;
  if (/\bus\)/.test(description)) return 1e3;
  return 1;
}

export type SimulationMetrics = Record<string, number | null>;

/**
 * Computes the metrics of one benchmark from its event totals.
 *
 * @param counts Event name → count, e.g. `{ Ir: 137691, Dr: 41679, … }` (missing events count as 0).
 * @param sysTimeNsPerUnit From {@link sysTimeScaleNs}.
 * @example
 * ```ts
 * simulationMetrics({ Ir: 100, Dr: 0, Dw: 0, I1mr: 10, ILmr: 1 }).estimated_cycles; // 90 + 5·9 + 35·1 = 170
 * ```
 */
export function simulationMetrics(counts: Record<string, number>, sysTimeNsPerUnit = 1, cycleEstimation = true): SimulationMetrics {
  const n = (k: string) => counts[k] ?? 0;
  if (!cycleEstimation) return instructionMetrics(counts, sysTimeNsPerUnit);
  const accesses = n("Ir") + n("Dr") + n("Dw");
  const l1Misses = n("I1mr") + n("D1mr") + n("D1mw");
  const llMisses = n("ILmr") + n("DLmr") + n("DLmw");
  const l1Hits = accesses - l1Misses;
  const llHits = l1Misses - llMisses;
  const cycles = CYCLES_PER.l1 * l1Hits + CYCLES_PER.ll * llHits + CYCLES_PER.ram * llMisses;
  const pct = (part: number) => (cycles > 0 ? (100 * part) / cycles : null);
  const hasSys = "sysCount" in counts || "sysTime" in counts;
  return {
    time: cycles / FREQUENCY_HZ,
    ir: n("Ir"),
    dr: n("Dr"),
    dw: n("Dw"),
    i1mr: n("I1mr"),
    d1mr: n("D1mr"),
    d1mw: n("D1mw"),
    ilmr: n("ILmr"),
    dlmr: n("DLmr"),
    dlmw: n("DLmw"),
    l1_hits: l1Hits,
    ll_hits: llHits,
    ram_hits: llMisses,
    estimated_cycles: cycles,
    sys_count: hasSys ? n("sysCount") : null,
    sys_time: hasSys ? (n("sysTime") * sysTimeNsPerUnit) / 1e9 : null,
    // Share of the estimated time spent on instructions/L1, on LL hits and on RAM (the §9 table).
    instr_pct: pct(CYCLES_PER.l1 * l1Hits),
    cache_pct: pct(CYCLES_PER.ll * llHits),
    memory_pct: pct(CYCLES_PER.ram * llMisses),
  };
}

/**
 * Without cycle estimation (`--cycle-estimation=false`, no cache simulation): instruction-based
 * numbers only, one instruction counted as one cycle for the time; cache metrics are absent.
 */
export function instructionMetrics(counts: Record<string, number>, sysTimeNsPerUnit = 1): SimulationMetrics {
  const ir = counts.Ir ?? 0;
  const hasSys = "sysCount" in counts || "sysTime" in counts;
  return {
    time: ir / FREQUENCY_HZ,
    ir,
    estimated_cycles: null,
    sys_count: hasSys ? (counts.sysCount ?? 0) : null,
    sys_time: hasSys ? ((counts.sysTime ?? 0) * sysTimeNsPerUnit) / 1e9 : null,
  };
}

/** Zips event names with a totals line into a name → count record. */
export function countsOf(events: string[], totals: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  events.forEach((e, i) => {
    out[e] = totals[i] ?? 0;
  });
  return out;
}

/** Adds counts (an exec benchmark sums the processes it started). */
export function sumCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}
