/**
 * Turns parsed `run`/`exec` flags plus the project config into {@link SessionOptions}.
 *
 * @module
 */
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { PacerError } from "../../errors.ts";
import { loadConfig } from "../../config/load.ts";
import type { LoadedConfig } from "../../config/types.ts";
import { registerSecret } from "../../log/mask.ts";
import type { PluginSpec } from "../../plugin/load.ts";
import type { RunPlan } from "../../plugin/types.ts";
import { createLogger } from "../../log/logger.ts";
import type { SessionOptions } from "../../run/session.ts";
import { optionEnv, parseModes, skipUpload, warnIgnoredFlags } from "./run-flags.ts";

export type RunValues = {
  mode?: string;
  "working-directory"?: string;
  "profile-folder"?: string;
  "allow-empty"?: boolean;
  "skip-setup"?: boolean;
  "no-probe-cache"?: boolean;
  "skip-upload"?: boolean;
  upload?: boolean;
  config?: string;
  plugin?: string[];
  json?: boolean;
  token?: string;
  "upload-url"?: string;
  "api-url"?: string;
  compare?: string;
  "allow-no-base"?: boolean;
  "perf-unwinding-mode"?: string;
  "disable-perf"?: boolean;
  "cycle-estimation"?: string;
  "exclude-allocations"?: string;
};

export async function loadProjectConfig(values: RunValues): Promise<LoadedConfig> {
  const loaded = await loadConfig({ explicitPath: values.config, cwd: process.cwd() });
  const log = createLogger();
  if (loaded.path) log.debug(`Using config "${loaded.path}"`);
  for (const w of loaded.warnings) log.warn(w);
  return loaded;
}

/** The benchmark's working directory must exist: a typo must not run the benchmark elsewhere. */
function checkedDirectory(dir: string, what: string): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new PacerError("E_USAGE", `Invalid ${what} "${dir}": the folder does not exist`, { hint: "Create it or fix the path" });
  }
  if (!statSync(real).isDirectory()) {
    throw new PacerError("E_USAGE", `Invalid ${what} "${dir}": it is not a folder`, { hint: "Give the folder the benchmark runs in" });
  }
  return real;
}

export function buildRunOptions(values: RunValues, plan: RunPlan, loaded: LoadedConfig, defaultMode?: string): SessionOptions {
  warnIgnoredFlags(values);
  const userSpecs: PluginSpec[] = [
    ...loaded.config.plugins.map((p) => ({ path: p.path, options: p.options })),
    ...(values.plugin ?? []).map((p) => ({ path: resolve(process.cwd(), p) })),
  ];
  const token = values.token ?? process.env.CODSPEED_TOKEN;
  registerSecret(token);
  const cwd = checkedDirectory(
    values["working-directory"]
      ? resolve(process.cwd(), values["working-directory"])
      : (loaded.config.options.workingDirectory ?? (loaded.path ? loaded.dir : process.cwd())),
    values["working-directory"] ? "--working-directory" : "working-directory",
  );
  return {
    modes: parseModes(values.mode, defaultMode, userSpecs.length > 0),
    plan,
    cwd,
    profileFolder: values["profile-folder"] ? resolve(process.cwd(), values["profile-folder"]) : undefined,
    flags: {
      skipSetup: !!values["skip-setup"],
      allowEmpty: !!values["allow-empty"],
    },
    env: optionEnv(values),
    userSpecs,
    instrumentOptions: loaded.config.instruments,
    upload: {
      skipUpload: skipUpload(values["skip-upload"]),
      uploadUrl: values["upload-url"] ?? process.env.CODSPEED_UPLOAD_URL,
      forceUpload: !!values.upload,
      token,
      apiUrl: values["api-url"] ?? process.env.CODSPEED_API_URL,
    },
    json: !!values.json,
    compare: values.compare,
    allowNoBase: !!values["allow-no-base"],
    thresholds: loaded.config.thresholds,
    configFile: loaded.path ?? undefined,
    history: loaded.config.history,
    probeCache: !values["no-probe-cache"],
  };
}
