/**
 * What `compare`, `report`, `runs` and `export` share: the config (loaded and validated exactly as
 * `pacer run` loads it), its thresholds, and the opened history.
 *
 * @module
 */
import { loadProjectConfig } from "../commands/_shared/common-run.ts";
import { openHistory, type History } from "../history/index.ts";
import type { RunRecord } from "../results/run-record.ts";
import { runToRunCv } from "./stats.ts";
import { parseThresholds, withDefault, type Thresholds } from "./thresholds.ts";

export interface CompareContext {
  history: History;
  thresholds: Thresholds;
  cwd: string;
}

/**
 * Loads the config (thresholds, history path) and opens the history. `loaded` skips loading (the
 * run pipeline has already loaded and validated the config).
 */
export async function openContext(o: {
  cwd: string;
  configPath?: string;
  historyPath?: string;
  threshold?: string;
  loaded?: { thresholds: unknown; historyPath?: string };
}): Promise<CompareContext> {
  let loaded = o.loaded;
  if (!loaded) {
    const l = await loadProjectConfig({ config: o.configPath });
    loaded = { thresholds: l.config.thresholds, historyPath: l.config.history.path };
  }
  let thresholds = parseThresholds(loaded.thresholds);
  if (o.threshold !== undefined) thresholds = withDefault(thresholds, o.threshold);
  const history = openHistory({ cwd: o.cwd, path: o.historyPath ?? loaded.historyPath });
  return { history, thresholds, cwd: o.cwd };
}

/**
 * Run-to-run noise of a statistical metric of one benchmark: its stored location (`keys`, e.g. the
 * median then the mean) over earlier runs of the base's commit, from the history.
 */
export function historyNoise(h: History, base: RunRecord, head: RunRecord): (uri: string, instrument?: string, keys?: string[]) => number | undefined {
  if (!base.git.commit) return () => undefined;
  const values = (instrument: string, uri: string, metric: string) =>
    h.series(instrument, uri, metric, { limit: 30 }).filter((p) => p.commit === base.git.commit && p.runId !== head.id).map((p) => p.value);
  return (uri, instrument, keys = []) => {
    for (const k of keys) {
      const cv = instrument ? runToRunCv(values(instrument, uri, k)) : undefined;
      if (cv !== undefined) return cv;
    }
    return undefined;
  };
}
