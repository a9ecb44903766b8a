/**
 * Time-aware JIT symbol lookup. V8 reuses code addresses, so `/tmp/perf-<pid>.map` can name two
 * functions at one address and perf picks one of them (seen here: a vitest fork's optimised
 * `fibPacerVitest` samples shown as `node:internal/streams/compose`). The jitdump says when each
 * code object was loaded, so a sample at time t at address ip belongs to the latest load before t
 * that covers ip.
 *
 * @module
 */
import type { JitSymbol } from "./jitdump.ts";

export class JitIndex {
  private readonly byAddr: JitSymbol[];
  private readonly maxSize: bigint;

  constructor(symbols: JitSymbol[]) {
    this.byAddr = [...symbols].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    this.maxSize = symbols.reduce((m, s) => (s.size > m ? s.size : m), 0n);
  }

  get size(): number {
    return this.byAddr.length;
  }

  /** The name of the code at `ip` at time `t`, or undefined when no load covers it. */
  resolve(ip: bigint, t: bigint): string | undefined {
    // Last symbol starting at or below ip, then walk down while a symbol could still reach ip.
    let lo = 0;
    let hi = this.byAddr.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.byAddr[mid]!.addr <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    let best: JitSymbol | undefined;
    for (let i = hi; i >= 0; i--) {
      const s = this.byAddr[i]!;
      if (s.addr + this.maxSize <= ip) break;
      if (ip < s.addr + s.size && s.timestampNs <= t && (!best || s.timestampNs > best.timestampNs)) best = s;
    }
    return best?.name;
  }
}
