/**
 * The multi-event sampling group of the reference (`-e {cpu-cycles,l1d_cache,l2d_cache,
 * l2d_cache_refill,instructions}`), with the names each event goes by on ARM and on x86.
 *
 * @module
 */

/** One logical event of the group and the perf names to try for it, preferred first. */
export interface GroupEvent {
  /** The reference's (ARM PMU) name, used as the feature key. */
  name: string;
  arm: string[];
  x86: string[];
}

/**
 * x86 has no architectural L2 events: Intel names them `l2_rqsts.*`; elsewhere the generic
 * last-level-cache pair is the closest perf offers.
 */
export const GROUP_EVENTS: readonly GroupEvent[] = [
  { name: "cpu-cycles", arm: ["cpu-cycles"], x86: ["cpu-cycles"] },
  { name: "l1d_cache", arm: ["l1d_cache"], x86: ["L1-dcache-loads"] },
  { name: "l2d_cache", arm: ["l2d_cache"], x86: ["l2_rqsts.references", "cache-references"] },
  { name: "l2d_cache_refill", arm: ["l2d_cache_refill"], x86: ["l2_rqsts.miss", "cache-misses"] },
  { name: "instructions", arm: ["instructions"], x86: ["instructions"] },
];

/** Candidate names for `ev` on `arch`: the native names first, then the other family's. */
export function candidatesFor(ev: GroupEvent, arch: string): string[] {
  const ordered = arch === "aarch64" ? [...ev.arm, ...ev.x86] : [...ev.x86, ...ev.arm];
  return [...new Set(ordered)];
}

/** The single `-e` argument of the group, e.g. `{cpu-cycles,l1d_cache,...}`. */
export function groupArg(names: string[]): string {
  return `{${names.join(",")}}`;
}

/** The leader of a `{a,b,…}` group argument (the event whose samples count), or undefined. */
export function groupLeader(spec: string | undefined): string | undefined {
  const first = spec?.replace(/^\{/, "").split(",")[0]?.trim();
  return first || undefined;
}

/**
 * An event's name without its PMU wrapper and modifiers: `cpu/cycles/u` and `cycles:P` → `cycles`.
 * perf prints modifiers it added itself (`-e cpu-clock:u` is shown as `cpu-clock:u` by
 * `perf script` and `cpu-clock:uH` by `perf evlist`), so names are compared on this part only.
 */
export function eventBaseName(name: string): string {
  const pmu = /^[^/]+\/([^/]+)\/[^/]*$/.exec(name);
  return (pmu ? pmu[1]! : name).split(":")[0]!.split(",")[0]!.trim();
}

/** Whether two perf spellings name the same event. */
export function sameEvent(a: string, b: string): boolean {
  return eventBaseName(a) === eventBaseName(b);
}
