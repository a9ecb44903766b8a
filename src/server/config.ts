/**
 * `pacer serve` settings from flags, then `PACER_SERVE_*` environment variables, then defaults:
 * the embedded SQLite database and the archive directory live in the data directory unless
 * `--database` / `--blobs` point elsewhere.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { PacerError } from "../errors.ts";
import type { GitHubConfig } from "./github/api.ts";

export interface OidcConfig {
  /** `iss` the tokens must carry (GitHub: `https://token.actions.githubusercontent.com`). */
  issuer: string;
  /** Where the signing keys are published (GitHub: `<issuer>/.well-known/jwks`). */
  jwksUrl: string;
  /** `aud` the tokens must carry (pacer's uploader asks for `codspeed.io` unless `PACER_OIDC_AUDIENCE`). */
  audience: string;
}

export interface ServerConfig {
  hostname: string;
  port: number;
  dataDir: string;
  /** `sqlite:///abs/path.db` or `postgres://…`. */
  database: string;
  /** `file:///abs/dir` or `s3://bucket/prefix`. */
  blobs: string;
  /** Base of the URLs the server hands out (upload URLs, report URLs); default: the listen address. */
  publicUrl?: string;
  oidc?: OidcConfig;
  /** Tokenless uploads (public fork pull requests) are accepted only when this and the project allow it. */
  allowTokenless: boolean;
  /** Base branch of runs that name none (`main` unless configured per project). */
  defaultBranch: string;
  /** Processing workers in this process (0: this process only ingests). */
  workers: number;
  /** How long a claimed job is held before another worker may take it over. */
  jobLeaseMs: number;
  /** First pause before a failed job is retried (doubling each attempt). */
  jobRetryBaseMs: number;
  /** Largest archive accepted, bytes. */
  maxArchiveBytes: number;
  /** Pull-request feedback (check runs, comments); unset: nothing is sent. */
  github?: GitHubConfig;
}

export interface ServeFlags {
  listen?: string;
  "data-dir"?: string;
  database?: string;
  blobs?: string;
  "public-url"?: string;
  "allow-tokenless"?: boolean;
  "oidc-issuer"?: string;
  "oidc-jwks-url"?: string;
  "oidc-audience"?: string;
  workers?: string;
  "github-token"?: string;
  "github-app-id"?: string;
  "github-app-private-key-file"?: string;
  "github-api-url"?: string;
}

const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

function parseListen(text: string): { hostname: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) {
    throw new PacerError("E_USAGE", `Invalid --listen "${text}": expected HOST:PORT`, { hint: "For example `--listen 127.0.0.1:8080` (port 0 picks a free one)" });
  }
  return { hostname: m[1]!.replace(/^\[|\]$/g, ""), port };
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new PacerError("E_USAGE", `Invalid ${name} "${text}": expected a whole number`);
  return n;
}

/** Accepts a path or a URL for the database; a bare path means SQLite. */
function databaseUrl(value: string | undefined, dataDir: string): string {
  if (!value) return `sqlite://${resolve(dataDir, "pacer.db")}`;
  if (/^postgres(ql)?:\/\//.test(value) || value.startsWith("sqlite://")) return value;
  if (/^[a-z]+:\/\//.test(value)) {
    throw new PacerError("E_USAGE", `Unsupported --database "${redactUrl(value)}": expected postgres://… or sqlite://…`);
  }
  return `sqlite://${resolve(value)}`;
}

function blobsUrl(value: string | undefined, dataDir: string): string {
  if (!value) return `file://${resolve(dataDir, "blobs")}`;
  if (value.startsWith("s3://") || value.startsWith("file://")) return value;
  if (/^[a-z0-9]+:\/\//.test(value)) throw new PacerError("E_USAGE", `Unsupported --blobs "${value}": expected s3://bucket/prefix, file:///dir or a directory`);
  return `file://${resolve(value)}`;
}

/** A token, or an app (id and key file, both or neither); nothing configured: undefined. */
function githubConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): GitHubConfig | undefined {
  const token = flags["github-token"] ?? env.PACER_SERVE_GITHUB_TOKEN;
  const appId = flags["github-app-id"] ?? env.PACER_SERVE_GITHUB_APP_ID;
  const keyFile = flags["github-app-private-key-file"] ?? env.PACER_SERVE_GITHUB_APP_PRIVATE_KEY_FILE;
  const apiUrl = (flags["github-api-url"] ?? env.PACER_SERVE_GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(apiUrl)) throw new PacerError("E_USAGE", `Invalid --github-api-url "${apiUrl}": expected https://api.github.com or https://HOST/api/v3`);
  if (token && (appId || keyFile)) throw new PacerError("E_USAGE", "Both --github-token and a GitHub App are configured: use one", { hint: "Keep --github-token, or --github-app-id with --github-app-private-key-file" });
  if (token) return { apiUrl, token };
  if (!appId && !keyFile) return undefined;
  if (!appId || !keyFile) throw new PacerError("E_USAGE", `${appId ? "--github-app-private-key-file" : "--github-app-id"} is missing: a GitHub App needs its id and its private key file`);
  if (!/^\d+$/.test(appId)) throw new PacerError("E_USAGE", `Invalid --github-app-id "${appId}": expected the app's number`);
  let privateKey: string;
  try {
    privateKey = readFileSync(keyFile, "utf8");
  } catch (err) {
    throw new PacerError("E_USAGE", `Cannot read --github-app-private-key-file "${keyFile}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { hint: "Download the key (.pem) from the app's settings page" });
  }
  if (!privateKey.includes("PRIVATE KEY-----")) throw new PacerError("E_USAGE", `--github-app-private-key-file "${keyFile}" holds no PEM private key`);
  return { apiUrl, app: { id: appId, privateKey } };
}

/** Flags win over `PACER_SERVE_*`, which win over the defaults. */
export function resolveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(flags["data-dir"] ?? env.PACER_SERVE_DATA_DIR ?? ".pacer-server");
  const { hostname, port } = parseListen(flags.listen ?? env.PACER_SERVE_LISTEN ?? "127.0.0.1:8080");
  const issuer = flags["oidc-issuer"] ?? env.PACER_SERVE_OIDC_ISSUER;
  const jwksUrl = flags["oidc-jwks-url"] ?? env.PACER_SERVE_OIDC_JWKS_URL;
  const audience = flags["oidc-audience"] ?? env.PACER_SERVE_OIDC_AUDIENCE;
  const oidcOn = issuer || jwksUrl || audience || env.PACER_SERVE_OIDC === "github";
  const tokenless = flags["allow-tokenless"] ?? ["1", "true", "yes"].includes((env.PACER_SERVE_ALLOW_TOKENLESS ?? "").toLowerCase());
  const publicUrl = flags["public-url"] ?? env.PACER_SERVE_PUBLIC_URL;
  return {
    hostname,
    port,
    dataDir,
    database: databaseUrl(flags.database ?? env.PACER_SERVE_DATABASE, dataDir),
    blobs: blobsUrl(flags.blobs ?? env.PACER_SERVE_BLOBS, dataDir),
    ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, "") } : {}),
    ...(oidcOn
      ? { oidc: { issuer: issuer ?? GITHUB_ISSUER, jwksUrl: jwksUrl ?? `${issuer ?? GITHUB_ISSUER}/.well-known/jwks`, audience: audience ?? "codspeed.io" } }
      : {}),
    allowTokenless: tokenless,
    defaultBranch: env.PACER_SERVE_DEFAULT_BRANCH || "main",
    workers: positiveInt("--workers", flags.workers ?? env.PACER_SERVE_WORKERS ?? "1"),
    jobLeaseMs: positiveInt("PACER_SERVE_JOB_LEASE_MS", env.PACER_SERVE_JOB_LEASE_MS ?? "60000"),
    jobRetryBaseMs: positiveInt("PACER_SERVE_JOB_RETRY_BASE_MS", env.PACER_SERVE_JOB_RETRY_BASE_MS ?? "1000"),
    maxArchiveBytes: positiveInt("PACER_SERVE_MAX_ARCHIVE_BYTES", env.PACER_SERVE_MAX_ARCHIVE_BYTES ?? String(8 * 2 ** 30)),
    ...withGitHub(githubConfig(flags, env)),
  };
}

const withGitHub = (g: GitHubConfig | undefined) => (g ? { github: g } : {});

/** The startup line's account of the feedback: never the token or the key. */
export function describeGitHub(g: GitHubConfig | undefined): string {
  if (!g) return "no pull-request feedback";
  return `pull-request feedback to ${g.apiUrl} as ${g.token ? "a token (***)" : `GitHub App ${g.app!.id}`}`;
}

/** A database URL fit for logs and errors: the password is never shown. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}
