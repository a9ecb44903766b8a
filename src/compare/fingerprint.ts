/**
 * Differences between the machines of two runs; any of them makes timings incomparable.
 *
 * @module
 */
import type { MachineFingerprint } from "../results/run-record.ts";

/** One line per differing fact, e.g. `kernel: "6.1.0" → "6.18.0"`; empty when the same. */
export function fingerprintDiff(base: MachineFingerprint, head: MachineFingerprint): string[] {
  const out: string[] = [];
  const facts: Array<[string, unknown, unknown]> = [
    ["CPU", base.cpuModel, head.cpuModel],
    ["cores", base.cores, head.cores],
    ["kernel", base.kernel, head.kernel],
    ["OS", base.os, head.os],
    ["libc", base.libc, head.libc],
    ["node", base.node, head.node],
  ];
  for (const tool of new Set([...Object.keys(base.tools ?? {}), ...Object.keys(head.tools ?? {})])) {
    facts.push([tool, base.tools?.[tool] ?? null, head.tools?.[tool] ?? null]);
  }
  for (const [name, a, b] of facts) if (a !== b) out.push(`${name}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  return out;
}
