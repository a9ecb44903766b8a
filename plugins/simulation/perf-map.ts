/**
 * JIT symbol maps (`/tmp/perf-<pid>.map`, written by V8 and CPython's perf support): callgrind only
 * sees JIT code as `0x…` addresses in an unknown object, the map names them.
 *
 * @module
 */

export interface PerfMapEntry {
  start: number;
  size: number;
  name: string;
}

/** Parses `<hex start> <hex size> <name…>` lines; malformed lines are skipped. */
export function parsePerfMap(text: string): PerfMapEntry[] {
  const out: PerfMapEntry[] = [];
  for (const line of text.split("\n")) {
    const m = /^(?:0x)?([0-9a-fA-F]+) (?:0x)?([0-9a-fA-F]+) (.+)$/.exec(line.trim());
    if (m) out.push({ start: parseInt(m[1]!, 16), size: parseInt(m[2]!, 16), name: m[3]! });
  }
  return out;
}

/**
 * Returns a lookup from an address to the name of the map entry containing it. When code is
 * regenerated at the same address, the last entry written wins, as it does for `perf report`.
 *
 * @example
 * ```ts
 * const lookup = perfMapLookup(parsePerfMap(readFileSync("perf-42.map", "utf8")));
 * lookup(0x19f6fc8); // "Builtin:Store_FastObjectElements_0 :0:0"
 * ```
 */
export function perfMapLookup(entries: PerfMapEntry[]): (address: number) => string | undefined {
  const latest = new Map<number, PerfMapEntry>();
  for (const e of entries) latest.set(e.start, e);
  const sorted = [...latest.values()].sort((a, b) => a.start - b.start);
  return (address) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = sorted[mid]!;
      if (address < e.start) hi = mid - 1;
      else if (address >= e.start + e.size) lo = mid + 1;
      else return e.name;
    }
    return undefined;
  };
}

/**
 * The address callgrind gives an unknown function (`0x0000000007d2e210`, or `0x…'2` for a
 * recursion level with `--separate-recs`), or undefined for a real name.
 */
export function jitAddress(functionName: string): { address: number; suffix: string } | undefined {
  const m = /^0x([0-9a-fA-F]+)('\d+)?$/.exec(functionName);
  return m ? { address: parseInt(m[1]!, 16), suffix: m[2] ?? "" } : undefined;
}
