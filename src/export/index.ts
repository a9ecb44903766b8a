/**
 * Export formats of `pacer export`.
 *
 * @module
 */
import type { RunRecord } from "../results/run-record.ts";
import { toBencher } from "./bencher.ts";
import { toCsv } from "./csv.ts";
import { toGabBigger, toGabSmaller } from "./github-action-benchmark.ts";

export const EXPORT_FORMATS = {
  bencher: toBencher,
  "gab-smaller": toGabSmaller,
  "gab-bigger": toGabBigger,
  csv: toCsv,
} as const satisfies Record<string, (run: RunRecord) => unknown>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(s: string): s is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, s);
}
