/**
 * The `--server`/`--token`/`--project` flags `compare` and `runs` share, and whether a command reads
 * the results server: `--server URL`, `PACER_SERVER_URL` or the config's `server.url`, unless `--local`.
 *
 * @module
 */
import type { LoadedConfig } from "../../config/types.ts";
import { serverSettings, type ServerSettings } from "../../server-client/settings.ts";

export const SERVER_OPTIONS = {
  server: { type: "string" },
  token: { type: "string" },
  project: { type: "string" },
  local: { type: "boolean" },
} as const;

const HELP_LINES: Array<[string, string[]]> = [
  ["--server <url>", ["Read runs from this results server (`pacer serve`); default:", "$PACER_SERVER_URL, else the config's server.url"]],
  ["--token <token>", ["Read token for a non-public project (default: $PACER_SERVER_TOKEN)"]],
  ["--project <o/r>", ["Project on the server (default: $PACER_SERVER_PROJECT,", "$GITHUB_REPOSITORY, else the \"origin\" remote)"]],
  ["--local", ["Use the local history even when a server is configured"]],
];

/** The options' help lines, descriptions starting at column `col` like the command's other options. */
export function serverHelp(col: number): string {
  return HELP_LINES.map(([flag, text]) => text.map((t, i) => (i === 0 ? `      ${flag}`.padEnd(col) : " ".repeat(col)) + t).join("\n")).join("\n") + "\n";
}

export interface ServerFlagValues {
  server?: string;
  token?: string;
  project?: string;
  local?: boolean;
}

/** The server to read, or null when the command works on the local history. */
export function serverFor(values: ServerFlagValues, loaded: LoadedConfig, cwd: string): ServerSettings | null {
  if (values.local) return null;
  if (!values.server && !process.env.PACER_SERVER_URL && !loaded.config.server.url) return null;
  return serverSettings({ flags: values, configUrl: loaded.config.server.url, cwd });
}
