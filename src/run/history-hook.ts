/**
 * Opens the local run history for the pipeline. History is a convenience: when it cannot be opened
 * the run goes on and says why.
 *
 * @module
 */
import { errorMessage } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import type { RunRecord } from "../results/run-record.ts";

export interface RunHistory {
  begin(record: RunRecord): void;
  /** False when the history refused the row (read-only, full): the run is then not in it. */
  finish(record: RunRecord): boolean;
  close(): void;
}

export async function openRunHistory(cwd: string, path?: string): Promise<RunHistory | undefined> {
  if (process.env.PACER_HISTORY === "0") return undefined;
  const log = createLogger("history");
  try {
    const { openHistory } = await import("../history/index.ts");
    const h = openHistory({ cwd, path });
    let refused = false;
    const guard = (what: string, fn: () => void): boolean => {
      try {
        fn();
        return true;
      } catch (err) {
        log.warn(`Cannot ${what} the run history: ${errorMessage(err)}`);
        return false;
      }
    };
    return {
      begin: (r) => {
        refused = !guard("record the run in", () => h.begin(r));
      },
      finish: (r) => guard("finish the run in", () => h.finish(r)) && !refused,
      close: () => guard("close", () => h.close()),
    };
  } catch (err) {
    log.warn(`Run history is off: ${errorMessage(err)}`);
    return undefined;
  }
}
