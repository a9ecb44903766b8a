/**
 * How `pacer run` and `pacer exec` show a session: each mode's results table and where it was
 * saved, the comparison of `--compare`, and the `--json` summary (stdout then holds only that).
 *
 * @module
 */
import { useColor } from "../../log/color.ts";
import { createLogger } from "../../log/logger.ts";
import { renderTable } from "../../results/table.ts";
import type { SessionOptions, SessionView } from "../../run/session.ts";
import { printJson } from "./json-out.ts";
import { stdout } from "../../log/console-out.ts";

/** `command` names the `--json` schema: `pacer.run/1` or `pacer.exec/1` (the same shape). */
export function runView(o: SessionOptions, command = "run"): SessionView {
  const log = createLogger();
  return {
    recorded(r) {
      if (o.json) return;
      const color = useColor(1);
      for (const m of r.measurements) stdout.write(renderTable(m, color) + "\n\n");
    },
    saved(r) {
      if (o.json) return;
      // A run the history could not keep (off, read-only) must not claim to be saved: only its folder is.
      if (r.inHistory) log.info(`Run "${r.record.id}" saved; profile folder: ${r.profileFolder}`);
      else log.info(`Run "${r.record.id}" not kept in the local history; profile folder: ${r.profileFolder}`);
    },
    async compare(r, base) {
      const { compareAfterRun } = await import("../compare.ts");
      return compareAfterRun({ cwd: o.cwd, base, headRunId: r.record.id, check: true, allowNoBase: o.allowNoBase, configThresholds: o.thresholds, historyPath: o.history?.path, json: o.json });
    },
    summary(runs) {
      if (o.json) printJson(command, { runs });
    },
  };
}
