/**
 * Parses what the bpftrace program printed: `E` event lines and bpftrace's `Lost N events` notices
 * (the perf buffer overflowed: those events are gone and the run must say so).
 *
 * @module
 */
import { eventTypeOf, type MemEvent } from "./event.ts";

export interface BpftraceOutput {
  events: MemEvent[];
  lost: number;
  /** Parent of each tracked process (`P` lines). */
  parents: Map<number, number>;
}

/** Parses bpftrace output text (stdout and stderr may be passed together). */
export function parseBpftraceOutput(text: string): BpftraceOutput {
  const events: MemEvent[] = [];
  let lost = 0;
  const parents = new Map<number, number>();
  for (const line of text.split("\n")) {
    const p = /^P (\d+) (\d+)$/.exec(line.trim());
    if (p) {
      parents.set(Number(p[1]), Number(p[2]));
      continue;
    }
    if (line.startsWith("E ")) {
      const f = line.trim().split(" ");
      if (f.length !== 8) continue;
      const type = eventTypeOf(Number(f[1]));
      if (!type) continue;
      const ev: MemEvent = {
        pid: Number(f[2]),
        tid: Number(f[3]),
        timestamp: BigInt(f[4]!),
        addr: BigInt(f[5]!),
        type,
        size: BigInt(f[6]!),
      };
      if (type === "Realloc") ev.oldAddr = BigInt(f[7]!);
      events.push(ev);
      continue;
    }
    const m = /Lost (\d+) events/.exec(line);
    if (m) lost += Number(m[1]);
  }
  return { events, lost, parents };
}
