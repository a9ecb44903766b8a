/**
 * `runs --server`: the project's runs on the results server as the same table `pacer runs` prints.
 *
 * @module
 */
import { terminalCell } from "../results/terminal-text.ts";
import { getProjectJson } from "./api.ts";
import { RunListSchema, type ServerRun } from "./schemas.ts";
import type { ServerSettings } from "./settings.ts";

export async function serverRuns(s: ServerSettings, o: { limit: number; branch?: string; mode?: string }): Promise<ServerRun[]> {
  const q = new URLSearchParams({ limit: String(o.limit), ...(o.branch ? { branch: o.branch } : {}), ...(o.mode ? { mode: o.mode } : {}) });
  return (await getProjectJson(s, `/runs?${q}`, RunListSchema, "run list")).runs;
}

export function serverRunsTable(runs: ServerRun[]): string {
  const rows = runs.map((r) => [
    r.id,
    r.status,
    r.mode,
    r.branch ? terminalCell(r.branch, 40) : "-",
    r.commit ? r.commit.slice(0, 7) : "-",
    (typeof r.createdAt === "number" ? new Date(r.createdAt).toISOString() : r.createdAt).replace("T", " ").slice(0, 19),
    r.error ? terminalCell(r.error, 60) : "",
  ]);
  const head = ["ID", "STATUS", "MODE", "BRANCH", "COMMIT", "CREATED (UTC)", "ERROR"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}
