/**
 * Collecting a profile folder the way `pacer upload` and a results server do: a fresh context
 * that knows only the folder, no run state (item 2 of issue 12). Also copies a folder elsewhere,
 * to prove the recorded facts are relative to it.
 *
 * @module
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPluginContext } from "../../src/plugin/context.ts";
import { resolvePlugin } from "../../src/plugin/load.ts";
import type { InstrumentPlugin, Measurement, RunOutcome } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";

/** `plugin`'s collect on `folder` from a context that never ran anything. */
export async function collectOffline(plugin: unknown, folder: string, outcome: RunOutcome): Promise<Measurement | undefined> {
  const p = (await resolvePlugin(plugin as InstrumentPlugin<unknown>)) as InstrumentPlugin<unknown>;
  const ctx = createPluginContext(p, {}, {
    system: systemInfo(),
    mode: typeof p.mode === "string" ? p.mode : p.name,
    profileFolder: folder,
    // Deliberately unlike the run: collect must not read the plan or the flags.
    plan: { kind: "integration", command: "" },
    flags: { skipSetup: true, allowEmpty: false },
    selfCommand: [],
  });
  try {
    return (await p.collect!(ctx, outcome, undefined)) ?? undefined;
  } finally {
    ctx.dispose();
  }
}

/** A copy of `folder` in a new temp folder; `dispose()` removes it. */
export function copyFolder(folder: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-offline-copy-"));
  cpSync(folder, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
