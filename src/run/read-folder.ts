/**
 * Reads a profile folder pacer did not just run: finds its mode (the run record's, else the first
 * mode whose `recognizes` knows the files) and asks that mode's instruments to `collect` it offline,
 * without run state. `pacer analyze`, `pacer upload --profile-folder` and a results server share it.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { createPluginContext } from "../plugin/context.ts";
import { runCollect, sortPlugins } from "../plugin/driver.ts";
import type { PluginSpec } from "../plugin/load.ts";
import { allModes, modeSpec, specOf } from "../plugin/modes.ts";
import type { InstrumentPlugin, Measurement, ModeSpec, RunOutcome, RunPlan } from "../plugin/types.ts";
import type { PluginError } from "../errors.ts";
import { systemInfo } from "../system/info.ts";
import { inferMode } from "../upload/infer-mode.ts";
import { loadAllPlugins, resolveOptions } from "./plugins.ts";
import { selfCommand } from "./self-command.ts";
import { RECORD_FILE } from "./write-record.ts";

type Loaded = { plugin: InstrumentPlugin<unknown, unknown>; source: string; options?: unknown };

/** The part of `pacer-run.json` reading a folder relies on; everything else is the run's business. */
const RecordSchema = v.object({
  id: v.optional(v.string()),
  mode: v.string(),
  kind: v.optional(v.picklist(["integration", "exec"])),
  command: v.optional(v.string()),
  exitCode: v.optional(v.nullable(v.number())),
  outcome: v.optional(
    v.object({
      exitCode: v.nullable(v.number()),
      signal: v.nullable(v.string()),
      wallTimeMs: v.number(),
      integration: v.optional(v.object({ name: v.string(), version: v.string() })),
      benchmarkPids: v.optional(v.array(v.number()), []),
    }),
  ),
});
export type FolderRecord = v.InferOutput<typeof RecordSchema>;

export interface FolderResults {
  folder: string;
  mode: ModeSpec;
  /** How the mode was found. */
  modeFrom: "flag" | "record" | "files";
  record?: FolderRecord;
  measurements: Measurement[];
  /** Instruments whose offline collect failed (named errors); the others' results are kept. */
  failures: PluginError[];
}

/** `pacer-run.json` of the folder, when there is a readable one. */
export function readFolderRecord(folder: string): FolderRecord | undefined {
  const path = join(folder, RECORD_FILE);
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new PacerError("E_RESULTS", `Cannot read the run record "${path}": ${(err as Error).message}`, {
      hint: "Pass --mode to read the folder from its files alone",
    });
  }
  const r = v.safeParse(RecordSchema, json);
  if (!r.success) {
    throw new PacerError("E_RESULTS", `Cannot read the run record "${path}": ${r.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ")}`, {
      hint: "Pass --mode to read the folder from its files alone",
    });
  }
  return r.output;
}

/** The outcome collect gets: what the run recorded, or a neutral one for folders from elsewhere. */
function outcomeOf(record: FolderRecord | undefined): RunOutcome {
  const o = record?.outcome;
  if (o) return { exitCode: o.exitCode, signal: o.signal, wallTimeMs: o.wallTimeMs, integration: o.integration, benchmarkPids: o.benchmarkPids };
  return { exitCode: record?.exitCode ?? 0, signal: null, wallTimeMs: 0, benchmarkPids: [] };
}

function checkFolder(folder: string): void {
  if (!existsSync(folder)) {
    throw new PacerError("E_USAGE", `Cannot read the profile folder "${folder}": it does not exist`, { hint: "Pass the folder a run printed (\"profile folder: …\")" });
  }
  if (!statSync(folder).isDirectory()) {
    throw new PacerError("E_USAGE", `Cannot read the profile folder "${folder}": it is not a folder`, { hint: "Pass the folder a run printed (\"profile folder: …\")" });
  }
}

/** Finds the folder's mode without collecting (`pacer upload` needs only the spec). */
export async function folderMode(o: { folder: string; userSpecs: PluginSpec[]; cwd: string; mode?: string }): Promise<{ mode: ModeSpec; modeFrom: FolderResults["modeFrom"]; record?: FolderRecord; plugins: Loaded[] }> {
  const folder = resolve(o.cwd, o.folder);
  checkFolder(folder);
  const plugins = await loadAllPlugins(o.userSpecs, o.cwd);
  const record = o.mode ? undefined : readFolderRecord(folder);
  if (o.mode) return { mode: modeSpec(o.mode, plugins), modeFrom: "flag", record, plugins };
  if (record) return { mode: modeSpec(record.mode, plugins), modeFrom: "record", record, plugins };
  // Loaded plugins (users' last) are tried first: walltime claims any folder no built-in recognizes.
  const users = plugins.slice(plugins.length - o.userSpecs.length);
  const found = inferMode(folder, allModes([...users, ...plugins]));
  if (!found) {
    throw new PacerError("E_RESULTS", `Cannot tell which mode made "${folder}": no ${RECORD_FILE} and no instrument recognizes its files`, {
      hint: `Pass --mode (${allModes(plugins).map((m) => m.name).join(", ")}), and --plugin for a user plugin's mode`,
    });
  }
  return { mode: found, modeFrom: "files", record, plugins };
}

/**
 * Collects a folder offline through its mode's instruments (and the mode-less add-ons loaded).
 *
 * @example
 * ```ts
 * const r = await readFolder({ folder: "/tmp/profile.abc.out", userSpecs: [], cwd: process.cwd() });
 * for (const m of r.measurements) console.log(renderTable(m));
 * ```
 */
export async function readFolder(o: {
  folder: string;
  userSpecs: PluginSpec[];
  cwd: string;
  mode?: string;
  instrumentOptions?: Record<string, unknown>;
  allowEmpty?: boolean;
}): Promise<FolderResults> {
  const folder = resolve(o.cwd, o.folder);
  const { mode, modeFrom, record, plugins } = await folderMode(o);
  const members = sortPlugins(plugins.filter((p) => (specOf(p.plugin)?.name ?? mode.name) === mode.name && p.plugin.collect));
  const plan: RunPlan = { kind: "integration", command: record?.command ?? "" };
  const base = { system: systemInfo(), mode: mode.name, profileFolder: folder, plan, flags: { skipSetup: true, allowEmpty: !!o.allowEmpty }, selfCommand: selfCommand() };
  const loaded = members.map((p) => ({ ...p, ctx: createPluginContext(p.plugin, resolveOptions(p, o.instrumentOptions ?? {}, process.env), base) }));
  try {
    const { measurements, failures } = await runCollect(loaded, outcomeOf(record), true);
    return { folder, mode, modeFrom, record, measurements, failures };
  } finally {
    for (const p of loaded) p.ctx.dispose();
  }
}
