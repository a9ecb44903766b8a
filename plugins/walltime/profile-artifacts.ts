/**
 * The two walltime artifacts of the profile root that carry the run's timeline:
 * `ExecutionTimestamps.msgpack` (reference §4.5, rmp_serde named form) and `perf.metadata`
 * (reference §4.7, JSON version 1).
 *
 * @module
 */
import type { ExecutionTimestamps, PluginLibs } from "../../src/index.ts";
import type { Mmap } from "./parse-perf-script.ts";

/**
 * `{"uri_by_ts": [[ts, uri]…], "markers": [{"SampleStart": ts}…]}` with timestamps as bigints,
 * which msgpack stores as 64-bit integers (rmp_serde reads them back as `u64`).
 */
export function executionTimestampsValue(ts: ExecutionTimestamps): Record<string, unknown> {
  return {
    uri_by_ts: ts.uriByTs.map(([t, uri]) => [t, uri]),
    markers: ts.markers.map((m) => ({ [m.type]: m.timestampNs })),
  };
}

export function encodeExecutionTimestamps(libs: PluginLibs, ts: ExecutionTimestamps): Uint8Array {
  return libs.msgpack.encode(executionTimestampsValue(ts));
}

/**
 * Modules flame graphs hide (reference §3.2/§4.7): the node and libpython binaries, and any module
 * whose file name starts with `python`, each as `[path, lowest start, highest end]`.
 */
export function ignoredModules(mmaps: Mmap[]): Array<[string, number, number]> {
  const ranges = new Map<string, [bigint, bigint]>();
  for (const m of mmaps) {
    if (!m.prot.includes("x")) continue;
    const file = m.path.split("/").pop() ?? "";
    if (!(file === "node" || file.startsWith("libnode") || file.startsWith("libpython") || file.startsWith("python"))) continue;
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
): string {
  return JSON.stringify(
    {
      version: 1,
      integration: [integration.name, integration.version],
      uri_by_ts: ts.uriByTs.map(([t, uri]) => [Number(t), uri]),
      ignored_modules: ignoredModules(mmaps),
      markers: ts.markers.map((m) => ({ [m.type]: Number(m.timestampNs) })),
    },
    null,
    2,
  );
}
