/**
 * A STAND-IN FOR GITHUB'S REST API (api.github.com cannot be reached from the tests): a loopback
 * `Bun.serve` that plays the routes `pacer serve`'s pull-request feedback uses, keeps the comments
 * and check runs it was sent, and records every request. App authentication is checked for real:
 * the app JWT's RS256 signature is verified with the app's public key, and only the installation
 * token it handed out is accepted on the repository routes.
 */
import { createVerify, type KeyObject } from "node:crypto";

export interface Recorded {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, unknown> | undefined;
  status: number;
}

export interface StandIn {
  url: string;
  requests: Recorded[];
  comments: Map<number, { id: number; issue: number; body: string }>;
  checkRuns: Array<Record<string, unknown>>;
  /** The next `count` requests matching `method` and `path` answer `status`. */
  failNext(method: string, path: RegExp, status: number, count?: number): void;
  stop(): Promise<void>;
}

function verifyJwt(jwt: string, key: KeyObject, appId: string): boolean {
  const [h, p, sig] = jwt.split(".");
  if (!h || !p || !sig) return false;
  const ok = createVerify("RSA-SHA256").update(`${h}.${p}`).verify(key, Buffer.from(sig, "base64url"));
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { iss?: string; exp?: number; iat?: number };
  const now = Date.now() / 1000;
  return ok && claims.iss === appId && (claims.exp ?? 0) > now && (claims.iat ?? Infinity) <= now && (claims.exp ?? 0) - (claims.iat ?? 0) <= 600;
}

export function startGitHubStandIn(o: { token?: string; app?: { id: string; publicKey: KeyObject; installationToken: string; installationId: number } }): StandIn {
  const requests: Recorded[] = [];
  const comments = new Map<number, { id: number; issue: number; body: string }>();
  const checkRuns: Array<Record<string, unknown>> = [];
  const faults: Array<{ method: string; path: RegExp; status: number; count: number }> = [];
  let nextId = 9000;
  const repoAuth = (a: string) => (o.token && a === `Bearer ${o.token}`) || (o.app && a === `Bearer ${o.app.installationToken}`);

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const path = url.pathname;
      const authorization = req.headers.get("authorization") ?? "";
      const text = await req.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      const rec: Recorded = { method: req.method, path: path + url.search, authorization, body, status: 0 };
      requests.push(rec);
      const reply = (status: number, json: unknown) => ((rec.status = status), Response.json(json, { status }));
      const fault = faults.find((f) => f.count > 0 && f.method === req.method && f.path.test(path));
      if (fault) {
        fault.count--;
        return reply(fault.status, { message: "Stand-in: injected server error" });
      }
      const bearer = authorization.replace(/^Bearer /, "");
      let m: RegExpExecArray | null;
      if (o.app && req.method === "GET" && /^\/repos\/acme\/bench\/installation$/.test(path)) {
        if (!verifyJwt(bearer, o.app.publicKey, o.app.id)) return reply(401, { message: "A JSON web token could not be decoded" });
        return reply(200, { id: o.app.installationId, app_id: Number(o.app.id) });
      }
      if (o.app && req.method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
        if (!verifyJwt(bearer, o.app.publicKey, o.app.id) || Number(m[1]) !== o.app.installationId) return reply(401, { message: "Bad credentials" });
        return reply(201, { token: o.app.installationToken, expires_at: new Date(Date.now() + 3600_000).toISOString() });
      }
      if (!repoAuth(authorization)) return reply(401, { message: "Bad credentials" });
      if (req.method === "POST" && path === "/repos/acme/bench/check-runs") {
        const run = { id: nextId++, ...body };
        checkRuns.push(run);
        return reply(201, run);
      }
      if ((m = /^\/repos\/acme\/bench\/issues\/(\d+)\/comments$/.exec(path))) {
        const issue = Number(m[1]);
        if (req.method === "GET") return reply(200, [...comments.values()].filter((c) => c.issue === issue));
        if (req.method === "POST") {
          const c = { id: nextId++, issue, body: String(body?.body) };
          comments.set(c.id, c);
          return reply(201, c);
        }
      }
      if (req.method === "PATCH" && (m = /^\/repos\/acme\/bench\/issues\/comments\/(\d+)$/.exec(path))) {
        const c = comments.get(Number(m[1]));
        if (!c) return reply(404, { message: "Not Found" });
        c.body = String(body?.body);
        return reply(200, c);
      }
      return reply(404, { message: "Not Found" });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    comments,
    checkRuns,
    failNext(method, path, status, count = 1) {
      faults.push({ method, path, status, count });
    },
    stop: () => server.stop(true),
  };
}
