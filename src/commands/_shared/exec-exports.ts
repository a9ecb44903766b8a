/**
 * `pacer exec --export-json <file>` (hyperfine's JSON shape, seconds) and `--export-markdown <file>`
 * (hyperfine's table with a Relative column), written atomically once the walltime results are in.
 *
 * @module
 */
import { resolve } from "node:path";
import { PacerError, errorMessage } from "../../errors.ts";
import type { Measurement } from "../../plugin/types.ts";
import type { SessionView } from "../../run/session.ts";
import { writeFileAtomic } from "../../system/atomic-file.ts";
import { createLogger } from "../../log/logger.ts";

export interface ExportValues {
  "export-json"?: string;
  "export-markdown"?: string;
}

interface Rounds {
  times_ns: number[];
  user_ns: number[];
  sys_ns: number[];
  exit_codes: number[];
  parameters?: Record<string, string>;
  relative?: { ratio: number; ratio_stddev: number };
}

export interface HyperfineResult {
  command: string;
  mean: number;
  stddev: number;
  median: number;
  user: number;
  system: number;
  min: number;
  max: number;
  times: number[];
  exit_codes: number[];
  parameters?: Record<string, string>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : 0;
}
const stddev = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

function roundsOf(m: Measurement): Array<{ name: string; rounds: Rounds }> {
  return m.benchmarks.flatMap((b) => {
    const r = b.detail?.exec as Rounds | undefined;
    return r ? [{ name: b.name, rounds: r }] : [];
  });
}

/** hyperfine's `results` entry for one benchmark: seconds, sample standard deviation. */
export function hyperfineResult(name: string, r: Rounds): HyperfineResult {
  const s = r.times_ns.map((t) => t / 1e9);
  return {
    command: name,
    mean: mean(s),
    stddev: stddev(s),
    median: median(s),
    user: mean(r.user_ns) / 1e9,
    system: mean(r.sys_ns) / 1e9,
    min: Math.min(...s),
    max: Math.max(...s),
    times: s,
    exit_codes: r.exit_codes,
    ...(r.parameters && { parameters: r.parameters }),
  };
}

/** hyperfine's Markdown table; Relative is to the first command (hyperfine's is to the fastest). */
export function markdownTable(rows: Array<{ name: string; rounds: Rounds }>): string {
  const ms = (x: number) => (x * 1e3).toFixed(1);
  const lines = ["| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |", "|:---|---:|---:|---:|---:|"];
  for (const [i, { name, rounds }] of rows.entries()) {
    const h = hyperfineResult(name, rounds);
    const rel = i > 0 && rounds.relative ? `${rounds.relative.ratio.toFixed(2)} ± ${rounds.relative.ratio_stddev.toFixed(2)}` : "1.00";
    lines.push(`| \`${name.replace(/[`|]/g, "\\$&")}\` | ${ms(h.mean)} ± ${ms(h.stddev)} | ${ms(h.min)} | ${ms(h.max)} | ${rel} |`);
  }
  return lines.join("\n") + "\n";
}

function write(flag: string, path: string, data: string): void {
  try {
    writeFileAtomic(resolve(process.cwd(), path), data);
  } catch (err) {
    throw new PacerError("E_IO", `Cannot write --${flag} "${path}": ${errorMessage(err)}`, { hint: "Check that the folder exists and is writable", cause: err });
  }
}

/** `view` that also writes the exports after a walltime mode recorded its results. */
export function exportView(view: SessionView, v: ExportValues): SessionView {
  if (!v["export-json"] && !v["export-markdown"]) return view;
  return {
    ...view,
    recorded(r) {
      view.recorded(r);
      const rows = r.measurements.map(roundsOf).find((x) => x.length);
      if (!rows) {
        createLogger().warn(`Nothing written to ${[v["export-json"], v["export-markdown"]].filter(Boolean).map((f) => `"${f}"`).join(" and ")}: the ${r.mode.name} mode times no rounds (the exports need walltime)`);
        return;
      }
      if (v["export-json"]) write("export-json", v["export-json"], JSON.stringify({ results: rows.map((x) => hyperfineResult(x.name, x.rounds)) }, null, 2) + "\n");
      if (v["export-markdown"]) write("export-markdown", v["export-markdown"], markdownTable(rows));
    },
  };
}
