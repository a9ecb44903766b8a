/**
 * The verdict of `compare --check` and `run --compare`: it passes only when something was really
 * compared. An empty head, a head of another mode than its base, and (unless the user opts out)
 * a missing base are failures, not "no regression"; so is a benchmark of the base that the head
 * lost, unless `thresholds.missing` is `warn`.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { terminalCell, terminalText } from "../results/terminal-text.ts";
import type { RunRecord } from "../results/run-record.ts";
import type { Comparison } from "./diff.ts";
import { benchmarkCount, type BaseSearch } from "./find-runs.ts";
import { formatChange, metricLabel } from "./format.ts";
import type { Thresholds } from "./thresholds.ts";

/** Throws when `head` has nothing to compare. */
export function assertHead(head: RunRecord): void {
  if (benchmarkCount(head) > 0) return;
  throw new PacerError("E_RESULTS", `Run "${head.id}" has no benchmark results: there is nothing to compare`, {
    hint: "Compare a run that measured benchmarks (see `pacer runs`); an empty run cannot pass a regression check",
  });
}

/** Throws when the runs measured different things. */
export function assertSameMode(base: RunRecord, head: RunRecord): void {
  if (base.mode === head.mode) return;
  throw new PacerError("E_USAGE", `Runs "${base.id}" and "${head.id}" used different modes: "${base.mode}" and "${head.mode}"`, {
    hint: `Compare runs of the same mode: give a ${head.mode} base (see \`pacer runs\`)`,
  });
}

export interface NoBase {
  check: boolean;
  /** `--allow-no-base` or `thresholds.no_base: pass`. */
  allowed: boolean;
}

/**
 * The base a search found, or what to do without one: under a check, fail unless allowed; with the
 * opt-out, undefined (the caller reports a pass); without a check, a usage error.
 */
export function requireBase(found: BaseSearch, head: RunRecord, o: NoBase): RunRecord | undefined {
  if (found.run && benchmarkCount(found.run) > 0) return found.run;
  const why = found.run
    ? `base run "${found.run.id}" has no benchmark results`
    : `no finished ${head.mode} run with results on ${terminalText(found.where)}`;
  const message = `No base to compare run "${head.id}" with: ${why}`;
  if (o.check && o.allowed) return undefined;
  throw new PacerError(o.check ? "E_RESULTS" : "E_USAGE", message, {
    hint: o.check
      ? `Run the ${head.mode} benchmarks on the base first, or name the base; pass --allow-no-base (or set thresholds.no_base: pass) when a first run may have no base`
      : "Run the benchmarks on the base branch first, or name the base: `pacer compare <base>`",
  });
}

export interface GateOutcome {
  failures: string[];
  warnings: string[];
}

/** What fails the check and what is only worth a warning. */
export function gateOutcome(c: Comparison, t: Thresholds): GateOutcome {
  const failures = c.regressions.map(
    (r) => `${terminalCell(r.name)} (${terminalCell(r.instrument, 20)} ${metricLabel(r)}): ${formatChange(r.change)}, allowed +${((r.allowed ?? 0) * 100).toFixed(1)}%`,
  );
  const warnings: string[] = [];
  for (const m of c.missing) {
    const line = `${terminalCell(m.name)} (${terminalCell(m.instrument, 20)}): in the base, missing from the head`;
    if (m.gated && t.missing === "fail") failures.push(line);
    else warnings.push(line);
  }
  return { failures, warnings };
}
