/**
 * Which credentials an upload uses (§5.7 of the reference): a static token, a GitHub OIDC token
 * fetched just before the upload, the `pacer auth login` token locally, or none (tokenless: public
 * GitHub repositories and pull requests from forks).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { registerSecret } from "../log/mask.ts";
import type { Logger } from "../plugin/types.ts";
import type { RunEnvironment } from "../run-environment/types.ts";
import type { RetryOptions } from "./client.ts";
import { authHint } from "./hints.ts";
import { fetchGithubOidcToken, hasOidc } from "./oidc.ts";
import { readStoredToken } from "./user-config.ts";

export interface UploadAuth {
  token?: string;
  source: "token" | "oidc" | "login" | "none";
}

const OIDC_DOCS = "https://codspeed.io/docs/integrations/ci/github-actions/configuration#oidc-recommended";

export interface ResolveAuthOptions {
  environment: RunEnvironment;
  env: NodeJS.ProcessEnv;
  /** `--token`, else `CODSPEED_TOKEN`. */
  token?: string;
  log: Logger;
  oidcRetry: RetryOptions;
}

async function github(opts: ResolveAuthOptions): Promise<UploadAuth> {
  const { environment: re, env, log } = opts;
  if (opts.token) {
    log.info("Using the CodSpeed token; OIDC (`id-token: write`) avoids storing a secret: " + OIDC_DOCS);
    return { token: opts.token, source: "token" };
  }
  if (!hasOidc(env)) {
    if (re.isFork) return { source: "none" };
    if (re.isPrivate) {
      throw new PacerError("E_AUTH", "Unable to retrieve OIDC token for authentication", {
        hint: `Make sure your workflow has the \`id-token: write\` permission set. See ${OIDC_DOCS}`,
      });
    }
    log.info(`Uploading without a token (public repository). Set \`id-token: write\` to authenticate with OIDC: ${OIDC_DOCS}`);
    return { source: "none" };
  }
  try {
    return { token: await fetchGithubOidcToken(env, opts.oidcRetry), source: "oidc" };
  } catch (err) {
    if (re.isPrivate || !(err instanceof PacerError)) throw err;
    log.warn(`${err.message}; uploading without a token`);
    return { source: "none" };
  }
}

/**
 * Resolves the upload credentials for the run environment; every token is registered as a secret.
 * Throws `E_AUTH` with the environment's next step when a token is required and missing.
 */
export async function resolveUploadAuth(opts: ResolveAuthOptions): Promise<UploadAuth> {
  registerSecret(opts.token);
  const re = opts.environment;
  switch (re.kind) {
    case "github-actions":
      return github(opts);
    case "gitlab-ci":
      return opts.token ? { token: opts.token, source: "token" } : { source: "none" };
    case "local": {
      if (opts.token) return { token: opts.token, source: "token" };
      const stored = readStoredToken(opts.env);
      if (stored) return { token: stored.token, source: "login" };
      throw new PacerError("E_AUTH", "You have to authenticate the CLI first", { hint: authHint("local") });
    }
    default:
      if (opts.token) return { token: opts.token, source: "token" };
      throw new PacerError("E_AUTH", `Token authentication is required for ${re.label}`, { hint: authHint(re.kind) });
  }
}
