/**
 * Upload credentials on each backend: GitHub Actions OIDC (verified against a loopback key set,
 * a labelled stand-in for GitHub's issuer) through pacer's real uploader, and the refusals:
 * expired, wrong audience, bad signature, another repository; tokenless fork uploads only when enabled.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { uploadProfile } from "../../src/upload/index.ts";
import { captureStderr, cleanupTempDirs, EVENTS, githubEnv, tempDir } from "../upload/_profile.ts";
import { BACKENDS } from "./_backends.ts";
import { startIssuer, type Issuer } from "./_oidc-issuer.ts";
import { cleanupProfiles, removeDataDir, simulationProfile, startServer, type TestServer } from "./_server.ts";

describe.each(BACKENDS)("upload access on $name", (backend) => {
  let db: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let issuer: Issuer;
  const now = () => Math.floor(Date.now() / 1000);
  const metadata = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ version: 8, tokenless: false, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", runner: { executor: "walltime" }, commitHash: "9".repeat(40), ref: "refs/heads/master", owner: "Codertocat", repository: "Hello-World", event: "push", ...extra });
  const post = (auth: string | undefined, body = metadata()) => fetch(`${server.url}/upload`, { method: "POST", body, headers: auth ? { authorization: auth } : {} });

  beforeAll(async () => {
    issuer = await startIssuer();
    db = await backend.fresh();
    server = await startServer(db.url, { oidc: { issuer: issuer.url, jwksUrl: issuer.jwksUrl, audience: "codspeed.io" }, allowTokenless: true });
    await server.storage.createProject({ owner: "Codertocat", repo: "Hello-World", defaultBranch: "master", public: true, allowTokenless: true });
    await server.storage.createProject({ owner: "acme", repo: "private", defaultBranch: "main", public: false, allowTokenless: false });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server);
    await db.drop();
    issuer.stop();
  });
  afterEach(() => {
    cleanupProfiles();
    cleanupTempDirs();
  });

  test("pacer's uploader with an Actions OIDC token: accepted, mapped to the repository it names", async () => {
    issuer.claims = { repository: "Codertocat/Hello-World", repository_owner: "Codertocat" };
    const env = githubEnv({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token", ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl, GITHUB_SHA: "a".repeat(40) });
    const out = await captureStderr(() => uploadProfile({ profileFolder: simulationProfile({ fib: 0.001 }), executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll: false, uploadUrl: `${server.url}/upload`, apiUrl: `${server.url}/graphql` }));
    expect(out.error).toBeUndefined();
    expect(out.result!.runId).toBeTruthy();
  });

  test("refused OIDC tokens: expired, wrong audience, bad signature, unknown key, other repository", async () => {
    const good = { iss: issuer.url, aud: "codspeed.io", exp: now() + 300, repository: "Codertocat/Hello-World" };
    const cases: Array<[string, string, number, RegExp]> = [
      ["expired", await issuer.sign({ ...good, exp: now() - 3600 }), 401, /expired/],
      ["wrong audience", await issuer.sign({ ...good, aud: "someone-else" }), 401, /audience/],
      ["wrong issuer", await issuer.sign({ ...good, iss: "https://evil.example" }), 401, /issuer/],
      ["unknown key", await issuer.sign(good, { kid: "other" }), 401, /no RSA key/],
      ["bad signature", (await issuer.sign(good)).slice(0, -4) + "AAAA", 401, /signature/],
      ["alg none", `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(good)).toString("base64url")}.`, 401, /RS256 only/],
      ["another repository", await issuer.sign({ ...good, repository: "acme/private" }), 403, /not valid for/],
    ];
    for (const [what, jwt, status, reason] of cases) {
      const res = await post(jwt);
      expect({ what, status: res.status }).toEqual({ what, status });
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
  });

  test("an issuer whose key set cannot be fetched answers 503 (retryable), not 401 or 500", async () => {
    const s2 = await startServer(db.url, { workers: 0, oidc: { issuer: issuer.url, jwksUrl: `${issuer.url}/missing-jwks`, audience: "codspeed.io" } });
    try {
      const jwt = await issuer.sign({ iss: issuer.url, aud: "codspeed.io", exp: now() + 300, repository: "Codertocat/Hello-World" });
      const res = await fetch(`${s2.url}/upload`, { method: "POST", body: metadata(), headers: { authorization: jwt } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/Cannot verify the OIDC token now: JWKS .* answered HTTP 404/);
    } finally {
      await s2.stop();
      removeDataDir(s2);
    }
  });

  test("tokenless: a public project's fork pull request when enabled; never a push, never a private project", async () => {
    const fork = metadata({ tokenless: true, event: "pull_request", headRef: "changes", baseRef: "master", ref: "refs/pull/2/merge" });
    expect((await post(undefined, fork)).status).toBe(200);
    expect((await post(undefined, metadata({ tokenless: true }))).status).toBe(401);
    expect((await post(undefined, metadata({ tokenless: true, event: "pull_request", owner: "acme", repository: "private" }))).status).toBe(401);
    // pacer's uploader takes the fork path on its own (no token, no OIDC variables).
    const env = githubEnv({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: join(EVENTS, "pull-request-fork.json"), GITHUB_REF: "refs/pull/2/merge", GITHUB_HEAD_REF: "changes", GITHUB_BASE_REF: "master", GITHUB_SHA: "b".repeat(40) });
    const out = await captureStderr(() => uploadProfile({ profileFolder: simulationProfile({ fib: 0.001 }), executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll: false, uploadUrl: `${server.url}/upload`, apiUrl: `${server.url}/graphql` }));
    expect(out.error).toBeUndefined();
  });
});
