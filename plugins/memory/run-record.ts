/**
 * `memory.run.json`: what a memory run leaves in the profile folder beside its artifacts, so that
 * `collect` can measure the folder later (or elsewhere) without the run: which artifacts it wrote,
 * the process tree, the benchmark windows, the tracker choices and what went wrong while recording.
 *
 * @module
 */
import type * as valibot from "valibot";
import { readRunRecord, writeRunRecord } from "../../src/toolkit/run-record.ts";
import type { ProcessTree, Window } from "./windows.ts";

export const RUN_FILE = "memory.run.json";

export interface MemoryRecord {
  allowEmpty: boolean;
  planKind: "integration" | "exec";
  /** The benchmark named after the whole command when no integration opened a window. */
  wholeRunUri: string;
  /** `results/` artifacts this run wrote (earlier ones in the folder are not its events). */
  artifacts: string[];
  tree: ProcessTree;
  windows: Window[];
  /** One line per executable: which tracker measured it and why. */
  choices: string[];
  /** Recording problems, said under the table. */
  notes: string[];
  lost: number;
  v1Pings: number;
  integration?: { name: string; version: string };
}

const big = (b: bigint | undefined) => (b === undefined ? undefined : b.toString());

/** Writes the record into `folder`. */
export function writeRecord(folder: string, r: MemoryRecord): void {
  const json = {
    version: 1,
    ...r,
    tree: [...r.tree],
    windows: r.windows.map((w) => ({ startNs: big(w.startNs), stopNs: big(w.stopNs), uri: w.uri, pid: w.pid })),
  };
  writeRunRecord(folder, RUN_FILE, json);
}

function schema(v: typeof valibot) {
  const ns = v.pipe(v.string(), v.regex(/^\d+$/), v.transform((s: string) => BigInt(s)));
  const window = v.object({ startNs: ns, stopNs: v.optional(ns), uri: v.optional(v.string()), pid: v.optional(v.number()) });
  return v.object({
    version: v.literal(1),
    allowEmpty: v.boolean(),
    planKind: v.picklist(["integration", "exec"]),
    wholeRunUri: v.string(),
    artifacts: v.array(v.pipe(v.string(), v.regex(/^[^/]+$/))),
    tree: v.array(v.tuple([v.number(), v.number()])),
    windows: v.array(window),
    choices: v.array(v.string()),
    notes: v.array(v.string()),
    lost: v.number(),
    v1Pings: v.number(),
    integration: v.optional(v.object({ name: v.string(), version: v.string() })),
  });
}

/** Reads the record of `folder`; an E_RESULTS error when it is missing or malformed. */
export function readRecord(v: typeof valibot, folder: string): MemoryRecord {
  const { version: _, tree, ...rest } = readRunRecord(folder, RUN_FILE, schema(v));
  return { ...rest, tree: new Map(tree) };
}
