/**
 * Finds the flame-graph data of a benchmark of a run: the folded stacks copied into the history,
 * else the file `detail.folded` points to, else `detail.functions`.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { History } from "../history/index.ts";
import type { BenchmarkResult } from "../plugin/types.ts";
import type { RunRecord } from "../results/run-record.ts";
import { readFunctions, treeFromFolded, treeFromFunctions, type FlameNode } from "./flame-tree.ts";

export function flameTree(history: History | undefined, run: RunRecord, instrument: string, b: BenchmarkResult): FlameNode | undefined {
  const folded = b.detail?.folded;
  let text: string | undefined;
  if (typeof folded === "string") {
    const file = isAbsolute(folded) ? folded : join(run.profileFolder, folded);
    text = history?.profile(run.id, instrument, b.uri, "folded") ?? (existsSync(file) ? readFileSync(file, "utf8") : undefined);
  }
  return treeOf(text, b);
}

/** The tree of folded stacks text when it has any cost, else of `detail.functions`. */
export function treeOf(folded: string | undefined, b: BenchmarkResult): FlameNode | undefined {
  if (folded) {
    const tree = treeFromFolded(folded, b.name);
    if (tree.value > 0) return tree;
  }
  const fns = readFunctions(b.detail?.functions);
  if (!fns?.length) return undefined;
  const tree = treeFromFunctions(fns, b.name);
  return tree.value > 0 ? tree : undefined;
}
