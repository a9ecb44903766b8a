/**
 * The environment a CodSpeed integration expects from its runner (reference §3.1).
 *
 * @module
 */

import { wireNameOf } from "../plugin/modes.ts";
import type { ModeSpec } from "../plugin/types.ts";

/** The variables of reference §3.1; the mode adds its own (`ModeSpec.env`) and names itself on the wire. */
export function integrationEnv(opts: {
  mode: ModeSpec;
  profileFolder: string;
  arch: string;
  /** Folder holding the node introspection shim, put first on PATH (modes with `nodeShim`). */
  shimDir?: string;
  basePath?: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    CODSPEED_ENV: "runner",
    CODSPEED_RUNNER_MODE: wireNameOf(opts.mode),
    CODSPEED_PROFILE_FOLDER: opts.profileFolder,
    PYTHONHASHSEED: "0",
    PYTHON_PERF_JIT_SUPPORT: "0",
    ARCH: opts.arch,
    ...opts.mode.env,
  };
  if (opts.shimDir) env.PATH = `${opts.shimDir}:${opts.basePath ?? process.env.PATH ?? ""}`;
  return env;
}

/**
 * Credentials pacer itself uses: the upload token, the login token, and GitHub's OIDC request pair
 * (with which anyone can mint an upload token). No CodSpeed integration reads them (reference: the
 * native client's only getenv is `CODSPEED_PROFILE_FOLDER`).
 */
export const PACER_SECRET_VARS = ["CODSPEED_TOKEN", "CODSPEED_OAUTH_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL"];

/**
 * The environment the benchmark inherits: pacer's own credentials are left out, unless
 * `PACER_PASS_TOKEN=1` asks for them (a benchmark that uploads on its own).
 */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  const pass = env.PACER_PASS_TOKEN === "1";
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && (pass || !PACER_SECRET_VARS.includes(k))) out[k] = v;
  }
  return out;
}
