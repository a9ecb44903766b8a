/**
 * The `memory` mode as the core sees it: an analysis-mode FIFO, timestamps under `results/` (as the
 * CodSpeed runner writes them), deterministic byte and allocation counts.
 *
 * @module
 */
import type { MetricRule, ModeSpec } from "../../src/index.ts";

const cost = (o: Partial<MetricRule> = {}): MetricRule => ({ compare: "exact", better: "lower", ...o });

export const memoryMode: ModeSpec = {
  name: "memory",
  env: { PYTHON_PERF_JIT_SUPPORT: "0" },
  // codspeed-node's analysis loop needs --allow-natives-syntax, which the shim adds.
  nodeShim: true,
  harness: "analysis",
  integration: "analysis",
  timestampsDir: "results",
  headline: {
    metric: "peak_bytes",
    keys: ["peak_bytes"],
    scale: 1,
    column: { key: "peak_bytes", label: "Peak memory", unit: "bytes" },
    statistic: "peak live heap bytes",
  },
  flameUnit: "bytes",
  metrics: {
    peak_bytes: cost({ gate: true, shown: true, export: { bencher: "peak-memory", label: "peak memory", unit: "bytes" } }),
    total_allocated_bytes: cost({ shown: true, export: { bencher: "total-allocated", label: "total allocated", unit: "bytes" } }),
    alloc_count: cost({ shown: true, export: { bencher: "allocations", label: "allocations", unit: "allocations" } }),
  },
  recognizes: ({ results }) => results.some((f) => f.endsWith(".MemtrackArtifact.msgpack")),
};
