/**
 * Faults of the results server, reproduced for real with the compiled binary: a server SIGKILLed with
 * a queued job, a client that retries an upload whose reply it lost, the database going away, and
 * every kind of bad credential (wrong, missing, another project's, an expired GitHub OIDC token signed
 * by a loopback JWKS issuer standing in for token.actions.githubusercontent.com).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createSign, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchRepo, type BenchRepo } from "../helpers/bench-repo.ts";
import { pushEnv } from "../helpers/github-env.ts";
import { runPacer } from "../helpers/pacer.ts";
import { apiJson, backendMissing, BACKENDS, createToken, serverStorage, startServe, waitRunsDone, type Serve, type ServerStorage } from "../helpers/results-server.ts";

const PROJECT = "acme/bench";

/** A minimal RS256 JWT issuer: its JWKS on a loopback port, tokens signed with its key. */
function oidcIssuer() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => Response.json({ keys: [jwk] }) });
  const issuer = `http://127.0.0.1:${server.port}`;
  const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString("base64url");
  const sign = (claims: Record<string, unknown>) => {
    const head = `${b64({ alg: "RS256", typ: "JWT", kid: "k1" })}.${b64(claims)}`;
    return `${head}.${createSign("RSA-SHA256").update(head).sign(privateKey).toString("base64url")}`;
  };
  return { issuer, jwksUrl: `${issuer}/jwks`, sign, stop: () => server.stop(true) };
}

describe.each(BACKENDS)("pacer serve faults (%s)", (backend) => {
  const missing = backendMissing(backend);
  let st: ServerStorage;
  let token: string;
  let otherToken: string;
  let repo: BenchRepo;
  let sha: string;
  let profile: string;
  const oidc = oidcIssuer();
  const oidcEnv = { PACER_SERVE_OIDC_ISSUER: oidc.issuer, PACER_SERVE_OIDC_JWKS_URL: oidc.jwksUrl, PACER_SERVE_OIDC_AUDIENCE: "pacer-test" };

  const upload = (serve: Serve, runId: string, tok: string | null, env: Record<string, string> = {}) =>
    runPacer(["run", "--skip-run", "--mode", "walltime", "--profile-folder", profile, "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, ...(tok ? ["--token", tok] : [])], {
      binary: true,
      cwd: repo.dir,
      env: { PACER_HISTORY: "0", PACER_HTTP_RETRY_BASE_MS: "500", ...pushEnv(repo, sha, runId), ...env },
      timeoutMs: 180_000,
    });

  beforeAll(async () => {
    if (missing) return;
    profile = mkdtempSync(join(tmpdir(), "pacer-faults-profile-"));
    st = await serverStorage(backend);
    token = await createToken(st, PROJECT);
    otherToken = await createToken(st, "other/project");
    repo = benchRepo();
    sha = repo.commit(12, "suite");
    const made = await runPacer(["exec", "--disable-perf", "--max-rounds", "3", "--warmup-time", "0", "--profile-folder", profile, "--skip-upload", "--", "true"], { binary: true });
    if (made.code !== 0) throw new Error(made.stderr);
  }, 120_000);

  afterAll(async () => {
    oidc.stop();
    if (missing) return;
    await st?.remove();
    repo?.remove();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test.skipIf(!!missing)(`server SIGKILLed with a queued job, restarted: the job completes${missing ? ` (skipped: ${missing})` : ""}`, async () => {
    // Workers 0: this process only ingests, so the job is certainly queued when it dies.
    const ingestOnly = await startServe(st, { env: { PACER_SERVE_WORKERS: "0" } });
    const up = upload(ingestOnly, "5001", token, { PACER_UPLOAD_POLL_TIMEOUT_MS: "1000" });
    const deadline = Date.now() + 120_000;
    let queued = false;
    while (!queued && Date.now() < deadline) {
      const r = await apiJson<{ runs: Array<{ status: string }> }>(`${ingestOnly.url}/api/v1/projects/${PROJECT}/runs`, token);
      // PROCESSING: the archive is stored and its job queued (PENDING would still await the archive).
      queued = r.status === 200 && r.body.runs.some((x) => x.status === "PROCESSING");
      if (!queued) await Bun.sleep(200);
    }
    expect(queued).toBe(true);
    await ingestOnly.stop("SIGKILL");
    await up;
    const worker = await startServe(st, { env: { PACER_SERVE_WORKERS: "1" } });
    try {
      const runs = await waitRunsDone(worker, PROJECT, 1, token);
      expect(runs.map((r) => r.status)).toEqual(["COMPLETED"]);
    } finally {
      await worker.stop();
    }
  }, 300_000);

  test.skipIf(!!missing)("server SIGKILLed right after handing out the upload slot: the upload run again after the restart makes one complete run", async () => {
    const serve = await startServe(st);
    const before = (await waitRunsDone(serve, PROJECT, 0, token)).length;
    // The server dies as soon as the run exists: the archive PUT, if not done yet, has nowhere to go.
    const first = upload(serve, "5004", token, { PACER_HTTP_RETRY_BASE_MS: "200" });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await apiJson<{ runs: unknown[] }>(`${serve.url}/api/v1/projects/${PROJECT}/runs?limit=500`, token);
      if (r.status === 200 && r.body.runs.length > before) break;
      if (Date.now() > deadline) throw new Error("the upload never reached the server");
      await Bun.sleep(20);
    }
    await serve.stop("SIGKILL");
    // Whether the PUT beat the kill or not, running the upload again must end in one complete run.
    await first;
    const again = await startServe(st);
    try {
      const r = await upload(again, "5004", token);
      expect(r.code, r.stderr).toBe(0);
      const runs = await waitRunsDone(again, PROJECT, before + 1, token);
      expect(runs.length).toBe(before + 1);
      expect(runs.every((x) => x.status === "COMPLETED")).toBe(true);
    } finally {
      await again.stop();
    }
  }, 300_000);

  test.skipIf(!!missing)("the same upload sent again (a retry after a lost reply) makes no second run", async () => {
    const serve = await startServe(st);
    try {
      const before = (await waitRunsDone(serve, PROJECT, 0, token)).length;
      const a = await upload(serve, "5002", token);
      const b = await upload(serve, "5002", token);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const runs = await waitRunsDone(serve, PROJECT, before + 1, token);
      expect(runs.length).toBe(before + 1);
    } finally {
      await serve.stop();
    }
  }, 300_000);

  // PostgreSQL only: an embedded SQLite file cannot be "down".
  if (backend === "postgres") test.skipIf(!!missing)("database down: 503, the client retries, and succeeds once it is back", async () => {
    const serve = await startServe(st);
    try {
      await st.pg!.stop();
      const health = await fetch(`${serve.url}/api/v1/health`);
      expect(health.status).toBe(503);
      const before = Date.now();
      // Backoff 2 s, 4 s, 8 s…: the database comes back after 3 s, inside the retries.
      const up = upload(serve, "5003", token, { PACER_HTTP_RETRY_BASE_MS: "2000" });
      await Bun.sleep(3000);
      await st.pg!.start();
      const r = await up;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("503");
      expect(Date.now() - before).toBeGreaterThan(2000);
      expect((await fetch(`${serve.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await serve.stop();
    }
  }, 300_000);

  describe("credentials", () => {
    let serve: Serve;
    beforeAll(async () => {
      if (!missing) serve = await startServe(st, { env: oidcEnv });
    }, 60_000);
    afterAll(async () => {
      await serve?.stop();
    });

    const refused = async (tok: string | null, label: string) => {
      const r = await upload(serve, `6${label.length}`, tok);
      expect(r.code, `${label}: ${r.stderr}`).not.toBe(0);
      expect(r.stderr).toMatch(/401|403|refused|not allowed|[Ii]nvalid token/);
      if (tok) expect(serve.logs()).not.toContain(tok);
    };

    test.skipIf(!!missing)("a wrong token is refused", () => refused("pst_wrong-token-0000000000", "wrong"), 120_000);
    test.skipIf(!!missing)("no token is refused (tokenless uploads are off)", () => refused(null, "missing"), 120_000);
    test.skipIf(!!missing)("another project's token is refused", () => refused(otherToken, "other-project"), 120_000);
    test.skipIf(!!missing)("an expired OIDC token of the right repository is refused", () => {
      const now = Math.floor(Date.now() / 1000);
      const jwt = oidc.sign({ iss: oidc.issuer, aud: "pacer-test", repository: PROJECT, repository_owner: "acme", iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
      return refused(jwt, "expired-oidc");
    }, 120_000);
    test.skipIf(!!missing)("a valid OIDC token of the right repository is accepted (the issuer works)", async () => {
      const now = Math.floor(Date.now() / 1000);
      const jwt = oidc.sign({ iss: oidc.issuer, aud: "pacer-test", repository: PROJECT, repository_owner: "acme", iat: now, nbf: now - 5, exp: now + 600 });
      const r = await upload(serve, "6100", jwt);
      expect(r.code, r.stderr).toBe(0);
    }, 120_000);
    test.skipIf(!!missing)("reads of a non-public project need its token", async () => {
      const base = `${serve.url}/api/v1/projects/${PROJECT}/runs`;
      expect((await apiJson(base)).status).toBe(401);
      expect([401, 403]).toContain((await apiJson(base, otherToken)).status);
      expect((await apiJson(base, token)).status).toBe(200);
    }, 60_000);
  });
});
