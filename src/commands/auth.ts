/**
 * `pacer auth login` (browser login session, or `--with-token` from stdin) and `pacer auth status`.
 * The token is stored in the user config with mode 0600 and never printed.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { createLogger, endGroup, startGroup } from "../log/logger.ts";
import { registerSecret } from "../log/mask.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout } from "../log/console-out.ts";

const HELP = `Usage: pacer auth <login|status> [options]

  login    Log in to the results server; the token is saved in ~/.config/pacer/config.yaml (0600)
  status   Show whether a login token is stored (the token itself is never printed)

Options:
      --api-url <url>   Results API (env CODSPEED_API_URL; default https://gql.codspeed.io/)
      --with-token      login: read the token from stdin instead of the browser flow
      --no-browser      login: print the URL without opening a browser
      --json            Print the login status as JSON (never the token)
  -h, --help            Show this help
`;

async function readStdin(): Promise<string> {
  return (await new Response(Bun.stdin.stream()).text()).trim();
}

export default async function auth(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("auth", argv, {
    "api-url": { type: "string" },
    "with-token": { type: "boolean" },
    "no-browser": { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const sub = positionals[0];
  if (values.help || !sub) {
    stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const up = await import("../upload/index.ts");
  const log = createLogger();
  if (sub === "status") {
    const stored = up.readStoredToken();
    if (values.json) printJson("auth-status", { loggedIn: !!stored, path: stored?.path ?? null });
    if (!stored) {
      log.info("Not logged in: run `pacer auth login`");
      return 1;
    }
    log.info(`Logged in: a token is stored in "${stored.path}"`);
    return 0;
  }
  if (sub !== "login") {
    throw new PacerError("E_USAGE", `Unknown auth command "${sub}"`, { hint: "Use `pacer auth login` or `pacer auth status`" });
  }
  let token: string;
  if (values["with-token"]) {
    token = await readStdin();
    if (!token) throw new PacerError("E_USAGE", "No token on stdin", { hint: "Example: echo \"$TOKEN\" | pacer auth login --with-token" });
    registerSecret(token);
  } else {
    const apiUrl = up.apiUrlFrom(values["api-url"], process.env);
    startGroup("Creating login session");
    try {
      token = await up.loginWithSession({
        apiUrl,
        log,
        ...(values["no-browser"] ? { open: () => false } : {}),
        ...(process.env.PACER_LOGIN_POLL_MS ? { intervalMs: Number(process.env.PACER_LOGIN_POLL_MS) } : {}),
      });
    } finally {
      endGroup("Creating login session");
    }
  }
  const path = up.writeStoredToken(token);
  log.info(`Login successful, the token is saved in "${path}"`);
  if (values.json) printJson("auth-login", { loggedIn: true, path });
  return 0;
}
