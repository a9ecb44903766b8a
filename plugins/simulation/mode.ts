/**
 * The `simulation` mode as the core sees it: integrations are told `instrumentation` (the name
 * CodSpeed integrations know), uploads say executor `valgrind`, every metric is a deterministic count.
 *
 * @module
 */
import type { MetricRule, ModeSpec } from "../../src/index.ts";

const count = (o: Partial<MetricRule> = {}): MetricRule => ({ compare: "exact", better: "lower", ...o });

export const simulationMode: ModeSpec = {
  name: "simulation",
  aliases: ["instrumentation"],
  wireName: "instrumentation",
  executor: "valgrind",
  // The CodSpeed backend only knows gzip; callgrind text compresses well.
  archiveEncoding: "gzip",
  env: { PYTHON_PERF_JIT_SUPPORT: "0" },
  nodeShim: true,
  harness: "analysis",
  // Integrations talk to valgrind through client requests: no FIFO in this mode (reference §3.2).
  integration: "none",
  headline: {
    metric: "time",
    keys: ["time"],
    scale: 1,
    column: { key: "time", label: "Time", unit: "seconds" },
    statistic: "simulated time from the instruction and cache counts (deterministic)",
  },
  flameUnit: "instructions",
  metrics: {
    time: count({ gate: true, shown: true, export: { bencher: "simulated-time", scale: 1e9, label: "simulated time", unit: "ns" } }),
    ir: count({ shown: true, export: { bencher: "instructions", label: "instructions", unit: "instructions" } }),
    estimated_cycles: count({ shown: true, export: { bencher: "estimated-cycles", label: "estimated cycles", unit: "cycles" } }),
    l1_hits: count({ export: { bencher: "l1-accesses" } }),
    ll_hits: count({ export: { bencher: "l2-accesses" } }),
    ram_hits: count({ export: { bencher: "ram-accesses" } }),
  },
  // Integration runs write valgrind.log and <pid>.out; exec runs valgrind-exec-<i>.log and exec-<i>.<pid>.out.
  recognizes: ({ top }) => top.some((f) => /^(valgrind(-exec-\d+)?\.log|(exec-\d+\.)?\d+\.out)$/.test(f)),
};
