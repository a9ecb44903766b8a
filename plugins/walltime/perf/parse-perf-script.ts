/**
 * Parser for `perf script --ns --show-mmap-events --show-task-events -F comm,pid,tid,time,event,ip,sym,dso`:
 * samples with their call chains (leaf first, as perf prints them) and the executable mappings each
 * process has at its end: an `exec` drops the mappings before it, a fork (a new pid, not a thread)
 * inherits its parent's, for which perf records no mappings of its own.
 *
 * The parser is fed line by line, so a profile never has to fit in one string.
 *
 * @module
 */
import { sameEvent } from "./events.ts";

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
  /** The sampled event as perf names it (`cpu-clock`, `cycles:P`…); empty without the `event` field. */
  event: string;
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

export interface ParseOptions {
  /**
   * Keep only this event's samples (the group leader's). With an event group every member samples
   * on its own, so counting all of them would multiply every stack by the group size.
   */
  event?: string;
}

// comm may hold spaces ("V8 Worker"): anchor on "pid/tid seconds.nanos:".
const HEADER = /^(.*?)\s+(\d+)\/(\d+)\s+(\d+)\.(\d{1,9}):\s*(.*)$/;
const FRAME = /^\s+([0-9a-f]+)\s+(.*?)\s+\(([^()]*)\)\s*$/;
const MMAP2 = /PERF_RECORD_MMAP2? (\d+)\/\d+: \[0x([0-9a-f]+)\(0x([0-9a-f]+)\) @ (0x[0-9a-f]+|\d+)(?: [^\]]*)?\]: (\S+) (.*)$/;
const FORK = /^PERF_RECORD_FORK\((\d+):\d+\):\((\d+):\d+\)/;

function timeNs(sec: string, frac: string): bigint {
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, "0"));
}

/**
 * Streaming parser: call {@link PerfScriptParser.line} for every line, then {@link PerfScriptParser.end}.
 * Each sample is handed to `onSample` once its call chain is complete.
 *
 * @example
 * ```ts
 * const p = new PerfScriptParser((s) => console.log(s.comm, s.frames.length), { event: "cpu-clock" });
 * for (const l of text.split("\n")) p.line(l);
 * const mmaps = p.end();
 * ```
 */
export class PerfScriptParser {
  private mmaps: Mmap[] = [];
  private current: Sample | undefined;
  /** Inside a sample of another event: its frames are skipped. */
  private skipping = false;

  constructor(
    private readonly onSample: (s: Sample) => void,
    private readonly opts: ParseOptions = {},
  ) {}

  line(line: string): void {
    if (line.trim() === "") return this.flush();
    if (this.current || this.skipping) {
      const frame = FRAME.exec(line);
      if (frame) {
        this.current?.frames.push({ ip: frame[1]!, sym: frame[2]!, dso: frame[3]! });
        return;
      }
    }
    const h = HEADER.exec(line);
    if (!h) return;
    this.flush();
    const rest = h[6]!;
    if (rest.startsWith("PERF_RECORD_")) return this.record(Number(h[2]), rest);
    // With `-F …,event,…` the rest of a sample's header is `<event>:`, the chain follows on its own lines.
    const event = /^(\S+?):(\s|$)/.exec(rest)?.[1] ?? "";
    if (this.opts.event && event && !sameEvent(event, this.opts.event)) {
      this.skipping = true;
      return;
    }
    this.current = { comm: h[1]!.trim(), pid: Number(h[2]), tid: Number(h[3]), timeNs: timeNs(h[4]!, h[5]!), event, frames: [] };
  }

  /** Ends the input; returns the executable mappings of each process at its end. */
  end(): Mmap[] {
    this.flush();
    return this.mmaps;
  }

  private flush(): void {
    if (this.current) this.onSample(this.current);
    this.current = undefined;
    this.skipping = false;
  }

  private record(pid: number, rest: string): void {
    const m = MMAP2.exec(rest);
    if (m) {
      const start = BigInt(`0x${m[2]}`);
      this.mmaps.push({ pid: Number(m[1]), start, end: start + BigInt(`0x${m[3]}`), pgoff: BigInt(m[4]!), prot: m[5]!, path: m[6]!.trim() });
    }
    if (rest.startsWith("PERF_RECORD_COMM exec:")) this.mmaps = this.mmaps.filter((x) => x.pid !== pid);
    const fork = FORK.exec(rest);
    if (fork && fork[1] !== fork[2]) {
      this.mmaps.push(...this.mmaps.filter((x) => x.pid === Number(fork[2])).map((x) => ({ ...x, pid: Number(fork[1]) })));
    }
  }
}

/** Parses a whole text at once (tests, small outputs); lines it does not understand are skipped. */
export function parsePerfScript(text: string, opts: ParseOptions = {}): PerfScript {
  const samples: Sample[] = [];
  const p = new PerfScriptParser((s) => samples.push(s), opts);
  for (const line of text.split("\n")) p.line(line);
  return { samples, mmaps: p.end() };
}
