/**
 * The environment a CodSpeed integration expects from its runner (reference §3.1).
 *
 * @module
 */

/** `CODSPEED_RUNNER_MODE` as integrations read it: simulation is still sent as `instrumentation`. */
export function integrationModeName(mode: string): string {
  return mode === "simulation" ? "instrumentation" : mode;
}

export function integrationEnv(opts: {
  mode: string;
  profileFolder: string;
  arch: string;
  /** Folder holding the node introspection shim, put first on PATH (simulation and walltime). */
  shimDir?: string;
  basePath?: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    CODSPEED_ENV: "runner",
    CODSPEED_RUNNER_MODE: integrationModeName(opts.mode),
    CODSPEED_PROFILE_FOLDER: opts.profileFolder,
    PYTHONHASHSEED: "0",
    PYTHON_PERF_JIT_SUPPORT: opts.mode === "walltime" ? "1" : "0",
    ARCH: opts.arch,
  };
  if (opts.shimDir) env.PATH = `${opts.shimDir}:${opts.basePath ?? process.env.PATH ?? ""}`;
  return env;
}
