/**
 * The command before any instrument wraps it: bash running the user's command (integration runs)
 * or pacer's own harness (exec runs), with the integration environment of reference §3.1.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command, ModeSpec, RunPlan } from "../plugin/types.ts";
import type { SystemInfo } from "../system/info.ts";
import { inheritedEnv, integrationEnv } from "./env.ts";
import { nodeShimDir, writeNodeShim } from "./node-shim.ts";
import { selfCommand } from "./self-command.ts";

export async function baseCommand(o: {
  mode: ModeSpec;
  plan: RunPlan;
  cwd: string;
  profileFolder: string;
  system: SystemInfo;
  tempDir: string;
}): Promise<Command> {
  let shimDir: string | undefined;
  // Integrations only: under `pacer exec` the shim would run every `node` round twice.
  if (o.plan.kind === "integration" && o.mode.nodeShim) {
    shimDir = nodeShimDir(o.tempDir);
    mkdirSync(shimDir, { recursive: true });
    await writeNodeShim(shimDir);
  }
  const env = {
    ...inheritedEnv(),
    ...integrationEnv({ mode: o.mode, profileFolder: o.profileFolder, arch: o.system.arch, shimDir }),
  };
  if (o.plan.kind === "integration") return { argv: ["bash", "-c", o.plan.command], env, cwd: o.cwd };
  const spec = join(o.tempDir, "harness-spec.json");
  writeFileSync(spec, JSON.stringify({ mode: o.mode.name, harness: o.mode.harness, targets: o.plan.targets, ...(o.plan.interleave && { interleave: true }) }));
  return { argv: [...selfCommand(), "__harness", spec], env, cwd: o.cwd };
}
