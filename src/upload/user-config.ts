/**
 * The user config holding the login token: `$XDG_CONFIG_HOME/pacer/config.yaml` (or
 * `~/.config/pacer/config.yaml`), `auth:\n  token: …`, written with mode 0600 in a 0700 directory.
 * A token stored by the CodSpeed CLI (`~/.config/codspeed/config.yaml`) is read as a fallback.
 *
 * @module
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import YAML from "yaml";
import { PacerError } from "../errors.ts";
import { registerSecret } from "../log/mask.ts";

function configHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
}

export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configHome(env), "pacer", "config.yaml");
}

function readToken(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new PacerError("E_CONFIG", `Cannot parse the user config "${path}": ${(err as Error).message}`, {
      hint: "Fix the file or delete it and run `pacer auth login` again",
    });
  }
  const token = (doc as { auth?: { token?: unknown } } | null)?.auth?.token;
  return typeof token === "string" && token ? token : undefined;
}

/** The stored login token and where it came from; the token is registered as a secret. */
export function readStoredToken(env: NodeJS.ProcessEnv = process.env): { token: string; path: string } | undefined {
  for (const path of [userConfigPath(env), join(configHome(env), "codspeed", "config.yaml")]) {
    const token = readToken(path);
    if (token) {
      registerSecret(token);
      return { token, path };
    }
  }
  return undefined;
}

/** Saves the login token (0600; written to a temporary file first so a crash leaves no partial file). */
export function writeStoredToken(token: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = userConfigPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, YAML.stringify({ auth: { token } }), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}
