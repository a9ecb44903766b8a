/**
 * `perf.metadata` (reference §4.7, JSON version 1). `ExecutionTimestamps.msgpack` is written by the
 * core, which serves the FIFO, for every instrument.
 *
 * @module
 */
import type { ExecutionTimestamps } from "../../../src/index.ts";
import type { Mmap } from "../perf/parse-perf-script.ts";

/**
 * Modules flame graphs hide (reference §3.2/§4.7), each as `[path, lowest start, highest end]`: the
 * node executable at `nodePaths` (canonical paths, as perf reports mappings), libpython and libnode,
 * and any module whose file name starts with `python` (a statically linked Python).
 */
export function ignoredModules(mmaps: Mmap[], nodePaths: readonly string[] = []): Array<[string, number, number]> {
  const ranges = new Map<string, [bigint, bigint]>();
  for (const m of mmaps) {
    if (!m.prot.includes("x")) continue;
    const file = m.path.split("/").pop() ?? "";
    if (!(nodePaths.includes(m.path) || file.startsWith("libnode") || file.startsWith("libpython") || file.startsWith("python"))) continue;
    const r = ranges.get(m.path);
    ranges.set(m.path, r ? [r[0] < m.start ? r[0] : m.start, r[1] > m.end ? r[1] : m.end] : [m.start, m.end]);
  }
  return [...ranges].map(([path, [s, e]]) => [path, Number(s), Number(e)]);
}

/** The `perf.metadata` JSON text. */
export function perfMetadataJson(
  integration: { name: string; version: string },
  ts: ExecutionTimestamps,
  mmaps: Mmap[],
  nodePaths: readonly string[] = [],
): string {
  return JSON.stringify(
    {
      version: 1,
      integration: [integration.name, integration.version],
      uri_by_ts: ts.uriByTs.map(([t, uri]) => [Number(t), uri]),
      ignored_modules: ignoredModules(mmaps, nodePaths),
      markers: ts.markers.map((m) => ({ [m.type]: Number(m.timestampNs) })),
    },
    null,
    2,
  );
}
