/** Next steps shown with upload and auth failures, per run environment. @module */
import type { RunEnvironment } from "../run-environment/types.ts";

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

/** How to retry an upload whose profile folder was kept. */
export function retryHint(profileFolder: string): string {
  return `The profile folder was kept: retry with \`pacer upload --profile-folder ${profileFolder}\``;
}
