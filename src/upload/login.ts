/**
 * `pacer auth login` (§5.9 of the reference): create a login session, let the user confirm it in the
 * browser, poll until the API hands out the token.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { registerSecret } from "../log/mask.ts";
import type { Logger } from "../plugin/types.ts";
import { which } from "../system/subprocess.ts";
import { graphql } from "./graphql.ts";

const CREATE = "mutation CreateLoginSession { createLoginSession { callbackUrl sessionId } }";
const CONSUME = "mutation ConsumeLoginSession($sessionId: String!) { consumeLoginSession(sessionId: $sessionId) { token } }";

const CreateSchema = v.object({ createLoginSession: v.object({ callbackUrl: v.pipe(v.string(), v.url()), sessionId: v.pipe(v.string(), v.minLength(1)) }) });
const ConsumeSchema = v.object({ consumeLoginSession: v.object({ token: v.nullish(v.string()) }) });

/** Opens `url` with `$BROWSER` or `xdg-open`; false when there is none (a CI box, a container). */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const cmd = env.BROWSER || which("xdg-open");
  if (!cmd) return false;
  try {
    Bun.spawn([cmd, url], { stdio: ["ignore", "ignore", "ignore"] }).unref();
    return true;
  } catch {
    return false;
  }
}

export interface LoginOptions {
  apiUrl: string;
  log: Logger;
  /** Returns whether a browser was opened. */
  open?: (url: string) => boolean;
  intervalMs?: number;
  timeoutMs?: number;
}

/**
 * @example
 * ```ts
 * const token = await loginWithSession({ apiUrl: "https://gql.codspeed.io/", log });
 * writeStoredToken(token);
 * ```
 */
export async function loginWithSession(opts: LoginOptions): Promise<string> {
  const { createLoginSession: session } = await graphql(opts.apiUrl, CREATE, CreateSchema);
  const opened = (opts.open ?? openInBrowser)(session.callbackUrl);
  if (opened) opts.log.info("Your browser has been opened to complete the login");
  else opts.log.warn("Failed to open the browser automatically, please open the URL manually");
  opts.log.info(`Authentication URL: ${session.callbackUrl}`);
  const deadline = Date.now() + (opts.timeoutMs ?? 5 * 60_000);
  for (;;) {
    await Bun.sleep(opts.intervalMs ?? 5_000);
    const { consumeLoginSession } = await graphql(opts.apiUrl, CONSUME, ConsumeSchema, { sessionId: session.sessionId });
    if (consumeLoginSession.token) {
      registerSecret(consumeLoginSession.token);
      return consumeLoginSession.token;
    }
    if (Date.now() >= deadline) {
      throw new PacerError("E_AUTH", "Login session expired", { hint: "Run `pacer auth login` again and confirm in the browser within 5 minutes" });
    }
  }
}
