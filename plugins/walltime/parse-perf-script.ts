/**
 * Parser for `perf script --ns --show-mmap-events --show-task-events -F comm,pid,tid,time,ip,sym,dso`:
 * samples with their call chains (leaf first, as perf prints them) and the executable mappings each
 * process has at its end: an `exec` drops the mappings before it, a fork (a new pid, not a thread)
 * inherits its parent's, for which perf records no mappings of its own.
 *
 * @module
 */

export interface Frame {
  ip: string;
  sym: string;
  dso: string;
}

export interface Sample {
  comm: string;
  pid: number;
  tid: number;
  /** CLOCK_MONOTONIC nanoseconds (perf `-k CLOCK_MONOTONIC`). */
  timeNs: bigint;
  /** Leaf first. */
  frames: Frame[];
}

export interface Mmap {
  pid: number;
  start: bigint;
  end: bigint;
  /** File offset the mapping starts at. */
  pgoff: bigint;
  prot: string;
  path: string;
}

export interface PerfScript {
  samples: Sample[];
  mmaps: Mmap[];
}

// comm may hold spaces ("V8 Worker"): anchor on "pid/tid seconds.nanos:".
const HEADER = /^(.*?)\s+(\d+)\/(\d+)\s+(\d+)\.(\d{1,9}):\s*(.*)$/;
const FRAME = /^\s+([0-9a-f]+)\s+(.*?)\s+\(([^()]*)\)\s*$/;
const MMAP2 = /PERF_RECORD_MMAP2? (\d+)\/\d+: \[0x([0-9a-f]+)\(0x([0-9a-f]+)\) @ (0x[0-9a-f]+|\d+)(?: [^\]]*)?\]: (\S+) (.*)$/;
const FORK = /^PERF_RECORD_FORK\((\d+):\d+\):\((\d+):\d+\)/;

function timeNs(sec: string, frac: string): bigint {
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, "0"));
}

/** Parses the whole text; lines it does not understand are skipped. */
export function parsePerfScript(text: string): PerfScript {
  const samples: Sample[] = [];
  let mmaps: Mmap[] = [];
  let current: Sample | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      current = undefined;
      continue;
    }
    const frame = current && FRAME.exec(line);
    if (current && frame) {
      current.frames.push({ ip: frame[1]!, sym: frame[2]!, dso: frame[3]! });
      continue;
    }
    const h = HEADER.exec(line);
    if (!h) continue;
    const rest = h[6]!;
    if (rest.startsWith("PERF_RECORD_")) {
      const m = MMAP2.exec(rest);
      if (m) {
        const start = BigInt(`0x${m[2]}`);
        mmaps.push({ pid: Number(m[1]), start, end: start + BigInt(`0x${m[3]}`), pgoff: BigInt(m[4]!), prot: m[5]!, path: m[6]!.trim() });
      }
      const pid = Number(h[2]);
      if (rest.startsWith("PERF_RECORD_COMM exec:")) mmaps = mmaps.filter((x) => x.pid !== pid);
      const fork = FORK.exec(rest);
      if (fork && fork[1] !== fork[2]) mmaps.push(...mmaps.filter((x) => x.pid === Number(fork[2])).map((x) => ({ ...x, pid: Number(fork[1]) })));
      current = undefined;
      continue;
    }
    current = { comm: h[1]!.trim(), pid: Number(h[2]), tid: Number(h[3]), timeNs: timeNs(h[4]!, h[5]!), frames: [] };
    samples.push(current);
  }
  return { samples, mmaps };
}
