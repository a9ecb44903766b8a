/** Next steps shown with upload and auth failures, per run environment. @module */
import type { RunEnvironment } from "../run-environment/types.ts";
import { shellQuoteArg as quoteArg } from "../toolkit/shell.ts";

const DOCS = "https://codspeed.io/docs/integrations/ci";

/** What to check when the server refused the credentials. */
export function authHint(kind: RunEnvironment["kind"] | undefined): string {
  switch (kind) {
    case "github-actions":
      return `Give the workflow the \`id-token: write\` permission (OIDC) or pass a valid \`token\`; see ${DOCS}/github-actions/configuration#authentication`;
    case "gitlab-ci":
      return `Set CODSPEED_TOKEN (a repository token or an \`id_tokens\` JWT with \`aud: codspeed.io\`); see ${DOCS}/gitlab-ci/configuration#authentication`;
    case "local":
      return "Run `pacer auth login` to authenticate the CLI, or pass --token";
    default:
      return "Check that CODSPEED_TOKEN is set and has the correct value";
  }
}

/** What the retry command must reproduce: the same servers, the token's source (never its value). */
export interface RetryTarget {
  uploadUrl?: string;
  apiUrl?: string;
  /** `flag`: the token came from --token, so the command asks for it through CODSPEED_TOKEN. */
  tokenFrom?: "flag" | "env" | "none";
  allowEmpty?: boolean;
  executor?: string;
}

/**
 * The `pacer upload` command that retries the same upload verbatim: servers passed explicitly (the
 * defaults would be CodSpeed's, with the stored login token), every value quoted for the shell.
 *
 * @example
 * ```ts
 * retryCommand("/tmp/p x", { uploadUrl: "http://127.0.0.1:8080/upload", tokenFrom: "flag" });
 * // pacer upload --profile-folder '/tmp/p x' --upload-url http://127.0.0.1:8080/upload --token "$CODSPEED_TOKEN"
 * ```
 */
export function retryCommand(profileFolder: string, t: RetryTarget = {}): string {
  const args = ["pacer", "upload", "--profile-folder", quoteArg(profileFolder)];
  if (t.uploadUrl) args.push("--upload-url", quoteArg(t.uploadUrl));
  if (t.apiUrl) args.push("--api-url", quoteArg(t.apiUrl));
  if (t.executor) args.push("--executor", quoteArg(t.executor));
  if (t.allowEmpty) args.push("--allow-empty");
  if (t.tokenFrom === "flag") args.push("--token", '"$CODSPEED_TOKEN"');
  return args.join(" ");
}

/** How to retry an upload whose profile folder was kept. */
export function retryHint(profileFolder: string, t: RetryTarget = {}): string {
  const token = t.tokenFrom === "flag" ? " (with CODSPEED_TOKEN set to the token given to --token)" : "";
  return `The profile folder was kept: retry with \`${retryCommand(profileFolder, t)}\`${token}`;
}
