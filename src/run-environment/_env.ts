/** Helpers for reading CI variables with errors that name the variable. */
import { PacerError } from "../errors.ts";

/** Returns a non-empty variable or throws naming it and the provider. */
export function requireEnv(env: NodeJS.ProcessEnv, name: string, provider: string): string {
  const value = env[name];
  if (value === undefined || value === "") {
    throw new PacerError("E_UPLOAD", `Cannot read the ${provider} environment: "${name}" is not set`, {
      hint: `Run pacer inside a ${provider} job, or set "${name}"`,
    });
  }
  return value;
}

/** A variable, or null when unset or empty. */
export function optionalEnv(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value === "" ? null : value;
}

/** `dir` with exactly one trailing slash, as the CodSpeed runner sends `repositoryRootPath`. */
export function withTrailingSlash(dir: string): string {
  return dir.endsWith("/") ? dir : `${dir}/`;
}
