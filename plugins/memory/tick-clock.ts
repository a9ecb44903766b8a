/**
 * Maps the preload library's CPU counter ticks to CLOCK_MONOTONIC nanoseconds, piecewise linearly
 * between the (ticks, ns) pairs a process recorded (EV_CLOCK slots), extrapolating with the nearest
 * segment's rate before the first and after the last. Ticks come as two 32-bit halves so the
 * arithmetic stays in exact doubles (differences below 2^53) instead of a BigInt per event.
 *
 * @module
 */
const TWO32 = 4294967296;

interface Pair {
  ticks: number; // relative to the first pair's ticks
  ns: bigint;
}

export class TickClock {
  private pairs: Pair[] = [];
  private baseHi = 0;
  private baseLo = 0;
  private rate: number[] = [];
  private seg = 0;

  /** Adds one pair (in any order). */
  add(lo: number, hi: number, ns: bigint): void {
    if (this.pairs.length === 0) {
      this.baseHi = hi;
      this.baseLo = lo;
    }
    this.pairs.push({ ticks: this.rel(lo, hi), ns });
  }

  /** Orders the pairs and computes each segment's ns per tick; call once, after the last add(). */
  seal(): void {
    this.pairs.sort((a, b) => a.ticks - b.ticks);
    // Pairs at the same tick (or closer than a microsecond's worth) would make a rate of noise.
    this.pairs = this.pairs.filter((p, i, all) => i === 0 || p.ticks - all[i - 1]!.ticks > 1000);
    this.rate = this.pairs.slice(1).map((p, i) => Number(p.ns - this.pairs[i]!.ns) / (p.ticks - this.pairs[i]!.ticks));
    if (this.rate.length === 0) this.rate.push(1); // no rate known: ticks are taken as ns
  }

  private rel(lo: number, hi: number): number {
    return (hi - this.baseHi) * TWO32 + (lo - this.baseLo);
  }

  /** CLOCK_MONOTONIC ns of a tick count (0 when the process recorded no pair). */
  ns(lo: number, hi: number): bigint {
    const p = this.pairs;
    if (p.length === 0) return 0n;
    const t = this.rel(lo, hi);
    let s = this.seg;
    // Events mostly come in tick order: the current segment, or one of the next, holds the tick.
    while (s > 0 && t < p[s]!.ticks) s--;
    while (s < p.length - 2 && t >= p[s + 1]!.ticks) s++;
    this.seg = s;
    const from = p[Math.min(s, p.length - 1)]!;
    return from.ns + BigInt(Math.round((t - from.ticks) * this.rate[Math.min(s, this.rate.length - 1)]!));
  }
}
