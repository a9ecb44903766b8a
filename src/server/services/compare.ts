/**
 * A run against its base with pacer's own verdict engine (src/compare: compareRuns, the gate
 * rules) and the thresholds of the repository config the upload carried, else the defaults.
 *
 * @module
 */
import { compareRuns, type Comparison } from "../../compare/diff.ts";
import { gateOutcome } from "../../compare/gate.ts";
import { parseThresholds, type Thresholds } from "../../compare/thresholds.ts";
import { HttpError } from "../http/errors.ts";
import type { Project, Run } from "../model.ts";
import type { Storage } from "../storage/types.ts";
import { chooseBase, type BaseChoice } from "./base.ts";
import { toRunRecord, uploadedThresholds } from "./run-record.ts";

export interface RunComparison {
  head: Run;
  base: BaseChoice;
  thresholds: { source: "upload" | "default"; value: Thresholds; warning?: string };
  comparison?: Comparison;
  /** `pass` / `fail` as `pacer compare --check` would; `no-base` when there was nothing to compare with. */
  verdict: "pass" | "fail" | "no-base";
  failures: string[];
  warnings: string[];
}

function thresholdsOf(raw: unknown): RunComparison["thresholds"] {
  if (raw === undefined) return { source: "default", value: parseThresholds(undefined) };
  try {
    return { source: "upload", value: parseThresholds(raw) };
  } catch (err) {
    return { source: "default", value: parseThresholds(undefined), warning: `The uploaded thresholds are invalid, the defaults apply: ${(err as Error).message}` };
  }
}

export async function compareRun(storage: Storage, project: Project, head: Run, baseId?: string): Promise<RunComparison> {
  let base: BaseChoice;
  if (baseId) {
    const run = await storage.getRun(project.id, baseId);
    if (!run) throw new HttpError(404, `No run "${baseId}" in "${project.owner}/${project.repo}"`);
    if (run.mode !== head.mode) throw new HttpError(400, `Runs "${run.id}" and "${head.id}" used different modes: "${run.mode}" and "${head.mode}"`);
    base = { run, branch: run.branch, strategy: "explicit", reason: `Run "${run.id}" named by ?base=` };
  } else {
    base = await chooseBase(storage, project, head);
  }
  const headParts = await storage.runResults(head.id);
  const thresholds = thresholdsOf(uploadedThresholds(headParts));
  const warnings = thresholds.warning ? [thresholds.warning] : [];
  if (!base.run) return { head, base, thresholds, verdict: "no-base", failures: [], warnings };
  const comparison = compareRuns(toRunRecord(base.run, await storage.runResults(base.run.id)), toRunRecord(head, headParts), { thresholds: thresholds.value });
  const gate = gateOutcome(comparison, thresholds.value);
  return {
    head, base, thresholds, comparison,
    verdict: gate.failures.length ? "fail" : "pass",
    failures: gate.failures,
    warnings: [...warnings, ...comparison.warnings, ...gate.warnings],
  };
}

/**
 * CodSpeed's "impact" (positive: faster): minus the largest change of a gated metric, so a
 * report names the worst benchmark's move; null without a base.
 */
export function impactOf(c: RunComparison): number | null {
  const gated = c.comparison?.rows.filter((r) => r.allowed !== undefined && r.change !== null) ?? [];
  if (!gated.length) return null;
  return -Math.max(...gated.map((r) => r.change!));
}
