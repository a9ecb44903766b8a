/** When a run uploads, and where to. @module */
import { PacerError } from "../errors.ts";
import { detectKind } from "../run-environment/detect.ts";
import { isTrueWord } from "../toolkit/bool-words.ts";

export const DEFAULT_UPLOAD_URL = "https://api.codspeed.io/upload";

/**
 * CI runs upload (unless skipped); local runs only when an upload URL was given explicitly
 * (`--upload-url` or `CODSPEED_UPLOAD_URL`), so trying pacer on a laptop never sends data anywhere.
 *
 * @example
 * ```ts
 * shouldUpload({ skipUpload: false, uploadUrlGiven: false, env: { GITHUB_ACTIONS: "true" } }); // true
 * shouldUpload({ skipUpload: false, uploadUrlGiven: false, env: {} }); // false
 * ```
 */
export function shouldUpload(opts: { skipUpload: boolean; uploadUrlGiven: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (opts.skipUpload || isTruthy(opts.env.CODSPEED_SKIP_UPLOAD)) return false;
  if (detectKind(opts.env) !== "local") return true;
  return opts.uploadUrlGiven || !!opts.env.CODSPEED_UPLOAD_URL;
}

function isTruthy(v: string | undefined): boolean {
  return !!v && isTrueWord(v);
}

/** `--upload-url`, else `CODSPEED_UPLOAD_URL`, else CodSpeed's endpoint; must parse as a URL. */
export function resolveUploadUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag || env.CODSPEED_UPLOAD_URL || DEFAULT_UPLOAD_URL;
  try {
    new URL(url);
  } catch {
    throw new PacerError("E_USAGE", `Invalid upload URL "${url}"`, { hint: "Pass an absolute http(s) URL to --upload-url" });
  }
  return url;
}
