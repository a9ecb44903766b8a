/**
 * What a finished run tells GitHub: the conclusion and the Markdown summary of `pacer compare`
 * (src/report/markdown.ts), with a link to the run page.
 *
 * @module
 */
import { markdownSummary } from "../../report/markdown.ts";
import { markdownText } from "../../results/markdown-text.ts";
import type { Project, Run } from "../model.ts";
import { compareRun } from "../services/compare.ts";
import { toRunRecord } from "../services/run-record.ts";
import type { Storage } from "../storage/types.ts";

export interface Verdict {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  /** Markdown; GitHub caps a check run's summary and a comment at 65 535 characters. */
  summary: string;
}

export function runPageUrl(baseUrl: string, project: Project, run: Run): string {
  return `${baseUrl}/${encodeURIComponent(project.owner)}/${encodeURIComponent(project.repo)}/runs/${run.id}`;
}

const LIMIT = 60_000;
const cap = (text: string) => (text.length <= LIMIT ? text : `${text.slice(0, LIMIT)}\n\n… (cut: the run page has the full tables)`);

export async function verdictOf(storage: Storage, project: Project, run: Run, pageUrl: string): Promise<Verdict> {
  const link = `[Run ${run.id} on the pacer server](${pageUrl})`;
  if (run.status === "FAILURE") {
    return { conclusion: "failure", title: "The run could not be processed", summary: `${markdownText(run.error ?? "A part failed")}\n\n${link}` };
  }
  const c = await compareRun(storage, project, run);
  const record = toRunRecord(run, await storage.runResults(run.id));
  const gate = { failures: c.failures, warnings: c.thresholds.warning ? [c.thresholds.warning] : [] };
  const body = markdownSummary(record, c.comparison, c.comparison ? gate : undefined);
  const baseLine = c.base.run ? `Base: ${markdownText(c.base.reason)}` : `No base run: ${markdownText(c.base.reason)}`;
  const summary = cap(`${body}\n${baseLine}\n\n${link}\n`);
  if (c.verdict === "no-base") return { conclusion: "neutral", title: "No base run to compare with", summary };
  if (c.verdict === "fail") return { conclusion: "failure", title: `${c.failures.length} check${c.failures.length > 1 ? "s" : ""} failed against ${c.base.branch}`, summary };
  return { conclusion: "success", title: `No regression against ${c.base.branch}`, summary };
}
