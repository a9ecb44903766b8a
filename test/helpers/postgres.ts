/**
 * A real PostgreSQL for the results server's tests: Debian's `postgresql` binaries, a temporary data
 * directory, one loopback port, password (SCRAM) authentication, no Unix socket. initdb refuses to run
 * as root, so the cluster belongs to the `postgres` system user the package creates.
 *
 * Each test file starts its own cluster (about 2 s): nothing to set up in CI, no state shared between
 * files, and the fault tests can stop and restart "the database" without disturbing anyone.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = "/usr/lib/postgresql/15/bin";
const OWNER = "postgres";

export interface Postgres {
  /** `postgres://pacer:…@127.0.0.1:PORT/pacer` */
  url: string;
  port: number;
  /** The temporary directory holding the cluster (`data/`) and its log. */
  root: string;
  /** Stops the server (fast shutdown), keeping the data: the "database down" fault. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  remove(): Promise<void>;
}

function ownerIds(): { uid: number; gid: number } | null {
  const r = Bun.spawnSync(["id", "-u", OWNER]);
  const g = Bun.spawnSync(["id", "-g", OWNER]);
  if (r.exitCode !== 0 || g.exitCode !== 0) return null;
  return { uid: Number(r.stdout.toString().trim()), gid: Number(g.stdout.toString().trim()) };
}

/** Why a private PostgreSQL cannot start here, or null when it can. */
export function postgresMissing(): string | null {
  for (const b of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(join(BIN, b))) return `${join(BIN, b)} is missing (apt-get install postgresql)`;
  }
  if (process.getuid?.() === 0 && !ownerIds()) return `the "${OWNER}" system user is missing (it comes with the postgresql package)`;
  return null;
}

/** A loopback port nobody listens on right now (the OS picks it). */
export function freePort(): number {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

async function run(argv: string[], asOwner: boolean): Promise<{ code: number; out: string }> {
  const cmd = asOwner ? ["runuser", "-u", OWNER, "--", ...argv] : argv;
  const p = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", stdin: "ignore", cwd: "/" });
  const [o, e, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, out: o + e };
}

/**
 * Starts a private cluster. The data directory is a fresh `mkdtemp` under the system temp dir, handed to
 * the `postgres` user; it is removed by `remove()` (call it in `afterAll`).
 */
export async function startPostgres(): Promise<Postgres> {
  const missing = postgresMissing();
  if (missing) throw new Error(`Cannot start PostgreSQL: ${missing}`);
  const asOwner = process.getuid?.() === 0;
  const root = mkdtempSync(join(tmpdir(), "pacer-pg-"));
  const data = join(root, "data");
  const password = randomBytes(18).toString("base64url");
  const pwfile = join(root, "pw");
  writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  const ids = asOwner ? ownerIds()! : null;
  if (ids) {
    chownSync(root, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  chmodSync(root, 0o700);
  const init = await run([join(BIN, "initdb"), "-D", data, "-U", "pacer", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--no-sync"], asOwner);
  rmSync(pwfile, { force: true });
  if (init.code !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.out}`);
  }
  let port = 0;
  const startOnce = async (): Promise<{ code: number; out: string }> =>
    run([join(BIN, "pg_ctl"), "-D", data, "-l", join(root, "log"), "-w", "-t", "60", "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -k '' -c fsync=off -c max_connections=200`, "start"], asOwner);
  const start = async (): Promise<void> => {
    const r = await startOnce();
    if (r.code !== 0) throw new Error(`pg_ctl start failed on port ${port}:\n${r.out}`);
  };
  // The port is free when picked but another process may take it before postgres binds: retry.
  let lastError = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    port = freePort();
    const r = await startOnce();
    if (r.code === 0) {
      lastError = "";
      break;
    }
    lastError = r.out;
  }
  if (lastError) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start:\n${lastError}`);
  }
  const stop = () => stopCluster(root, false);
  const url = `postgres://pacer:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  // A database of its own, so the URL reads like a deployment's.
  const sql = new Bun.SQL(url);
  await sql.unsafe("CREATE DATABASE pacer");
  await sql.close();
  return {
    url: url.replace(/\/postgres$/, "/pacer"),
    port,
    root,
    stop,
    start,
    remove: () => stopCluster(root, true),
  };
}

/** Stops the cluster under `root` (fast shutdown) and, with `remove`, deletes `root`. */
export async function stopCluster(root: string, remove: boolean): Promise<void> {
  await run([join(BIN, "pg_ctl"), "-D", join(root, "data"), "-m", "fast", "-w", "stop"], process.getuid?.() === 0);
  if (remove) rmSync(root, { recursive: true, force: true });
}
