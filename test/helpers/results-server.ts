/**
 * Runs the compiled `dist/pacer serve` for the results server's integration tests: storage per
 * backend (embedded SQLite in the data dir, or a private PostgreSQL), an optional S3 stand-in bucket,
 * a loopback port, token creation with `serve token create`, and polling the JSON API.
 *
 * The database URL goes through `PACER_SERVE_DATABASE`, not a flag, so its password is not on a
 * command line other users can read in `ps`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary } from "./pacer.ts";
import { freePort, postgresMissing, startPostgres, type Postgres } from "./postgres.ts";
import type { S3Stand } from "./s3-server.ts";

export type Backend = "sqlite" | "postgres";
export const BACKENDS: Backend[] = ["sqlite", "postgres"];

/** Why a backend's tests cannot run here (for `describe.skipIf`), or null. */
export function backendMissing(b: Backend): string | null {
  if (!hasBinary()) return "dist/pacer is missing: run `npm run build` first";
  return b === "postgres" ? postgresMissing() : null;
}

export interface ServerStorage {
  backend: Backend;
  dataDir: string;
  pg?: Postgres;
  /** `--blobs` value; unset: under the data dir. */
  blobs?: string;
  env: Record<string, string>;
  remove(): Promise<void>;
}

export async function serverStorage(backend: Backend, o: { s3?: S3Stand } = {}): Promise<ServerStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), `pacer-serve-${backend}-`));
  const pg = backend === "postgres" ? await startPostgres() : undefined;
  const env: Record<string, string> = { ...(pg ? { PACER_SERVE_DATABASE: pg.url } : {}), ...(o.s3?.env ?? {}) };
  return {
    backend,
    dataDir,
    ...(pg ? { pg } : {}),
    ...(o.s3 ? { blobs: `s3://${o.s3.bucket}/archives` } : {}),
    env,
    async remove() {
      await pg?.remove();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function storageArgs(st: ServerStorage, dataDir = st.dataDir): string[] {
  return ["--data-dir", dataDir, ...(st.blobs ? ["--blobs", st.blobs] : [])];
}

/** `pacer serve token create --project P`: the token is the last line of stdout. */
export async function createToken(st: ServerStorage, project: string): Promise<string> {
  const p = Bun.spawn([BINARY, "serve", "token", "create", "--project", project, ...storageArgs(st)], {
    env: { ...process.env, ...st.env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`serve token create failed (${code}):\n${err}`);
  const token = out.trim().split("\n").at(-1)?.trim();
  if (!token) throw new Error(`serve token create printed no token:\n${out}\n${err}`);
  return token;
}

export interface Serve {
  url: string;
  uploadUrl: string;
  apiUrl: string;
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** Everything the server printed so far (stdout and stderr). */
  logs(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `pacer serve` on a free loopback port and waits for `GET /api/v1/health`. */
export async function startServe(st: ServerStorage, o: { env?: Record<string, string>; port?: number; dataDir?: string } = {}): Promise<Serve> {
  const port = o.port ?? freePort();
  const proc = Bun.spawn([BINARY, "serve", "--listen", `127.0.0.1:${port}`, ...storageArgs(st, o.dataDir)], {
    env: { ...process.env, ...st.env, ...o.env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  let text = "";
  const drain = async (s: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder();
    for await (const chunk of s) text += dec.decode(chunk);
  };
  void drain(proc.stdout);
  void drain(proc.stderr);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`pacer serve exited (${proc.exitCode}):\n${text}`);
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`pacer serve did not become healthy within 60 s:\n${text}`);
    }
    await Bun.sleep(200);
  }
  return {
    url,
    uploadUrl: `${url}/upload`,
    apiUrl: `${url}/graphql`,
    proc,
    logs: () => text,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await proc.exited;
    },
  };
}

export async function apiJson<T = unknown>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: r.status, body: body as T };
}

export interface ApiRun {
  id: string;
  status: string;
  branch: string | null;
  commit: string | null;
  mode: string;
  error?: string | null;
}

/** The project's runs, polled until `n` are no longer pending/processing (or the timeout). */
export async function waitRunsDone(serve: Serve, project: string, n: number, token?: string, timeoutMs = 120_000): Promise<ApiRun[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ApiRun[] = [];
  while (Date.now() < deadline) {
    const r = await apiJson<{ runs: ApiRun[] }>(`${serve.url}/api/v1/projects/${project}/runs?limit=500`, token);
    if (r.status === 200) {
      last = r.body.runs;
      if (last.length >= n && last.every((x) => x.status === "COMPLETED" || x.status === "FAILURE")) return last;
    }
    await Bun.sleep(300);
  }
  throw new Error(`Runs not done after ${timeoutMs} ms: ${JSON.stringify(last.map((x) => [x.id, x.status]))}\n${serve.logs().slice(-3000)}`);
}
