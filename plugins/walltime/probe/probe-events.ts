/**
 * Opens each event of the multi-event group (ARM name and x86 equivalents) with `perf stat`, then the
 * group as a whole, so the group is only used where this machine can count it.
 *
 * @module
 */
import type { Feature } from "../../../src/index.ts";
import { GROUP_EVENTS, candidatesFor, groupArg } from "../perf/events.ts";
import { parseEventOpen, type EventOpen } from "./parse-perf-stat.ts";
import type { Exec } from "./probe-perf-binary.ts";

export interface EventsProbe {
  /** One feature per logical event (`event:l1d_cache`…), value = the perf name that opened. */
  perEvent: Record<string, Feature>;
  /** The whole group; value = the `-e` argument when enabled. */
  group: Feature;
}

/** Opens `spec` (one event or a `{a,b}` group) around `true`. */
export function openEvent(exec: Exec, perf: string, spec: string): Promise<EventOpen> {
  return exec([perf, "stat", "-x", ",", "-e", spec, "--", "true"], { timeoutMs: 10_000 }).then(parseEventOpen);
}

async function resolveOne(exec: Exec, perf: string, names: string[]): Promise<Feature> {
  const tried: string[] = [];
  for (const name of names) {
    const r = await openEvent(exec, perf, name);
    if (r.opened) return { enabled: true, value: name };
    tried.push(`"${name}": ${r.reason}`);
  }
  return { enabled: false, reason: tried.join("; ") };
}

/** Resolves every group event on `arch`, then checks the group opens together. */
export async function probeEvents(exec: Exec, perf: string, arch: string): Promise<EventsProbe> {
  const resolved = await Promise.all(GROUP_EVENTS.map((ev) => resolveOne(exec, perf, candidatesFor(ev, arch))));
  const perEvent: Record<string, Feature> = {};
  GROUP_EVENTS.forEach((ev, i) => (perEvent[`event:${ev.name}`] = resolved[i]!));
  const missing = GROUP_EVENTS.filter((_, i) => !resolved[i]!.enabled).map((ev) => ev.name);
  if (missing.length > 0) {
    return { perEvent, group: { enabled: false, reason: `cannot open ${missing.map((m) => `"${m}"`).join(", ")}` } };
  }
  const arg = groupArg(resolved.map((f) => String(f.value)));
  const whole = await openEvent(exec, perf, arg);
  return {
    perEvent,
    group: whole.opened ? { enabled: true, value: arg } : { enabled: false, reason: `the group ${arg} does not open: ${whole.reason}` },
  };
}
