/**
 * Where the results server is and which project to read: flags, then `PACER_SERVER_URL` /
 * `PACER_SERVER_TOKEN` / `PACER_SERVER_PROJECT`, then the config's `server.url`. The token never comes
 * from the config file (it is committed with the code); the project defaults to the repository CI
 * names (`GITHUB_REPOSITORY`) or the `origin` remote.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { parseRemote } from "../run-environment/parse-remote.ts";
import { registerSecret } from "../log/mask.ts";

export interface ServerSettings {
  /** Without a trailing slash. */
  url: string;
  token?: string;
  owner: string;
  repo: string;
}

function originRemote(cwd: string): string | null {
  const r = Bun.spawnSync(["git", "remote", "get-url", "origin"], { cwd, stdout: "pipe", stderr: "ignore" });
  return r.exitCode === 0 ? r.stdout.toString().trim() : null;
}

function splitProject(text: string, from: string): { owner: string; repo: string } {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(text);
  if (!m) throw new PacerError("E_USAGE", `Invalid project "${text}" (${from}): expected OWNER/REPO`, { hint: "For example `--project acme/bench`" });
  return { owner: m[1]!, repo: m[2]! };
}

export function serverSettings(o: {
  flags: { server?: string; token?: string; project?: string };
  configUrl?: string;
  env?: NodeJS.ProcessEnv;
  cwd: string;
}): ServerSettings {
  const env = o.env ?? process.env;
  const raw = o.flags.server || env.PACER_SERVER_URL || o.configUrl;
  if (!raw) throw new PacerError("E_USAGE", "No results server given: pass --server URL", { hint: "Or set PACER_SERVER_URL, or `server: { url: … }` in pacer.yml" });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PacerError("E_USAGE", `Invalid server URL "${raw}": expected http://HOST[:PORT] or https://…`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PacerError("E_USAGE", `Invalid server URL "${raw}": expected http:// or https://`);
  if (url.password) registerSecret(decodeURIComponent(url.password));
  const token = o.flags.token || env.PACER_SERVER_TOKEN || undefined;
  if (token) registerSecret(token);
  const project = o.flags.project
    ? splitProject(o.flags.project, "--project")
    : env.PACER_SERVER_PROJECT
      ? splitProject(env.PACER_SERVER_PROJECT, "PACER_SERVER_PROJECT")
      : env.GITHUB_REPOSITORY
        ? splitProject(env.GITHUB_REPOSITORY, "GITHUB_REPOSITORY")
        : fromRemote(o.cwd);
  return { url: url.href.replace(/\/+$/, ""), ...(token ? { token } : {}), ...project };
}

function fromRemote(cwd: string): { owner: string; repo: string } {
  const remote = originRemote(cwd);
  const parsed = remote ? parseRemote(remote) : undefined;
  if (!parsed) {
    throw new PacerError("E_USAGE", "Cannot tell which project to read from the results server: no --project and no usable \"origin\" remote", {
      hint: "Pass --project OWNER/REPO or set PACER_SERVER_PROJECT",
    });
  }
  return { owner: parsed.owner, repo: parsed.repository };
}
