/**
 * The allocation event as the CodSpeed `MemtrackArtifact` names it, shared by the recorders (preload,
 * bpftrace), the artifact writer/reader and the statistics.
 *
 * @module
 */

/** Event types of the artifact format, by the numeric ids the recorders use. */
export const EVENT_TYPES = ["Malloc", "Free", "Calloc", "Realloc", "AlignedAlloc", "Mmap", "Munmap", "Brk"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One allocation event. `addr` is the returned (new) address, or the freed one for `Free`. */
export interface MemEvent {
  pid: number;
  tid: number;
  /** CLOCK_MONOTONIC nanoseconds. */
  timestamp: bigint;
  addr: bigint;
  type: EventType;
  /** Only for `Realloc`: the block that was resized (0 for `realloc(NULL, n)`). */
  oldAddr?: bigint;
  /** Bytes requested; 0 for `Free`. */
  size: bigint;
}

/** Maps a recorder's numeric type (1 = Malloc … 8 = Brk) to its name. */
export function eventTypeOf(id: number): EventType | undefined {
  return EVENT_TYPES[id - 1];
}

/** Whether the event creates a block. */
export function isAllocation(type: EventType): boolean {
  return type === "Malloc" || type === "Calloc" || type === "Realloc" || type === "AlignedAlloc";
}
