/**
 * A loopback stand-in for the CodSpeed upload API (§5.4–§5.8 of the reference): upload slot POST,
 * archive PUT, GitHub OIDC token endpoint and the GraphQL operations pacer uses. It validates what a
 * strict server would (headers, MD5 of the body, field order, credentials) and answers 400/401 with
 * `{"error": …}` otherwise. Faults are scripted per route: each request takes the next fault.
 *
 * node:http rather than Bun.serve because a connection reset (a fault the client must survive) needs
 * the socket, which Bun.serve does not expose; the client side is still Bun's fetch over real TCP.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The §5.3 field order, written out independently of src/upload/metadata.ts. */
export const REFERENCE_FIELD_ORDER = [
  "repositoryProvider", "version", "tokenless", "profileMd5", "profileEncoding", "runner", "runEnvironment", "runPart",
  "commitHash", "allowEmpty", "ref", "headRef", "baseRef", "owner", "repository", "event", "sender", "ghData", "glData",
  "repositoryRootPath",
];
export const REFERENCE_RUNNER_ORDER = [
  "name", "version", "instruments", "executor", "os", "osVersion", "arch", "host", "user", "cpuBrand", "cpuName",
  "cpuVendorId", "cpuCores", "totalMemoryGb",
];

export type Route = "upload" | "archive" | "oidc" | "graphql";
export type Fault =
  | { status: number; body?: string; retryAfter?: string }
  | { reset: true }
  | { delayMs: number }
  /** Reads this many bytes of the request body, then stops reading and never answers. */
  | { stallAfterBytes: number }
  /** Answers 200 with this exact body (e.g. `null`, a wrong shape). */
  | { reply: string }
  /** Answers a redirect to `location` (`{base}` is replaced by the server's URL). */
  | { redirect: number; location: string }
  /** Streams a 200 JSON-looking body of this many bytes, 1 MiB at a time, honouring backpressure;
   * `chunked`: without a Content-Length, so the client cannot refuse it from the headers. */
  | { hugeReplyBytes: number; chunked?: boolean };

export interface ReceivedUpload {
  runId: string;
  rawMetadata: string;
  metadata: Record<string, unknown>;
  authorization: string | null;
  archive?: Buffer;
  archiveHeaders?: Record<string, string | undefined>;
}

export interface LoggedRequest {
  route: Route | "other";
  method: string;
  status: number | "reset" | "stalled";
  userAgent?: string;
}

export interface UploadServerOptions {
  /** The repository token (and login token) the server accepts. */
  token?: string;
  /** Request token the OIDC endpoint expects, and the JWT it hands out. */
  oidcRequestToken?: string;
  oidcToken?: string;
  /** `consumeLoginSession` returns the token from this poll on (1-based). */
  loginAfterPolls?: number;
  /** The run report is `PROCESSING` until this poll (1-based). */
  reportAfterPolls?: number;
  /** Repositories `GetRepository` knows (`owner/name`). */
  knownRepositories?: string[];
}

export interface UploadServer {
  url: string;
  uploadUrl: string;
  apiUrl: string;
  oidcUrl: string;
  uploads: ReceivedUpload[];
  requests: LoggedRequest[];
  /** Queues faults for the next requests of `route`. */
  script(route: Route, ...faults: Fault[]): void;
  /** Forgets uploads, requests, faults and counters (between tests). */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function routeOf(req: IncomingMessage): Route | "other" {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/upload") return "upload";
  if (path.startsWith("/archive/")) return "archive";
  if (path === "/oidc") return "oidc";
  if (path === "/graphql") return "graphql";
  return "other";
}

export async function startUploadServer(opts: UploadServerOptions = {}): Promise<UploadServer> {
  const faults = new Map<Route, Fault[]>();
  const uploads: ReceivedUpload[] = [];
  const requests: LoggedRequest[] = [];
  let nextRun = 1;
  let loginPolls = 0;
  const reportPolls = new Map<string, number>();
  let base = "";

  const send = (res: ServerResponse, log: LoggedRequest, status: number, body: unknown, headers: Record<string, string> = {}) => {
    log.status = status;
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  function handleUpload(req: IncomingMessage, res: ServerResponse, body: Buffer, log: LoggedRequest) {
    if (req.method !== "POST") return send(res, log, 405, { error: "Method not allowed" });
    if (!req.headers["content-type"]?.startsWith("application/json")) return send(res, log, 400, { error: "Expected JSON" });
    const raw = body.toString("utf8");
    let metadata: Record<string, unknown>;
    try {
      metadata = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, log, 400, { error: "Invalid JSON" });
    }
    const keys = Object.keys(metadata).join(",");
    if (keys !== REFERENCE_FIELD_ORDER.join(",")) return send(res, log, 400, { error: `Unexpected field order: ${keys}` });
    const runnerKeys = Object.keys(metadata.runner as object).join(",");
    if (runnerKeys !== REFERENCE_RUNNER_ORDER.join(",")) return send(res, log, 400, { error: `Unexpected runner fields: ${runnerKeys}` });
    if (metadata.version !== 8) return send(res, log, 400, { error: "Unsupported metadata version" });
    const authorization = req.headers.authorization ?? null;
    if (metadata.tokenless === true) {
      if (authorization) return send(res, log, 400, { error: "Tokenless upload with an Authorization header" });
    } else if (authorization !== opts.token && authorization !== opts.oidcToken) {
      return send(res, log, 401, { error: "Invalid token" });
    }
    const runId = `run-${nextRun++}`;
    uploads.push({ runId, rawMetadata: raw, metadata, authorization });
    send(res, log, 200, { status: "success", uploadUrl: `${base}/archive/${runId}?X-Signature=loopback`, runId });
  }

  function handleArchive(req: IncomingMessage, res: ServerResponse, body: Buffer, log: LoggedRequest) {
    if (req.method !== "PUT") return send(res, log, 405, { error: "Method not allowed" });
    const runId = new URL(req.url ?? "/", "http://x").pathname.slice("/archive/".length);
    const upload = uploads.find((u) => u.runId === runId);
    if (!upload) return send(res, log, 404, { error: "Unknown upload" });
    const h = req.headers;
    const md5 = createHash("md5").update(body).digest("base64");
    const problems = [
      h["content-type"] !== "application/x-tar" && `Content-Type "${h["content-type"]}"`,
      Number(h["content-length"]) !== body.length && `Content-Length ${h["content-length"]} for ${body.length} bytes`,
      h["content-md5"] !== md5 && `Content-MD5 "${h["content-md5"]}" but the body's MD5 is "${md5}"`,
      upload.metadata.profileMd5 !== md5 && `profileMd5 "${String(upload.metadata.profileMd5)}" does not match the body`,
      (h["content-encoding"] ?? null) !== upload.metadata.profileEncoding &&
        `Content-Encoding "${h["content-encoding"]}" but profileEncoding ${JSON.stringify(upload.metadata.profileEncoding)}`,
    ].filter(Boolean);
    if (problems.length) return send(res, log, 400, { error: problems.join("; ") });
    upload.archive = body;
    upload.archiveHeaders = {
      "content-type": h["content-type"],
      "content-length": h["content-length"],
      "content-md5": String(h["content-md5"]),
      "content-encoding": h["content-encoding"],
    };
    send(res, log, 200, "");
  }

  function handleOidc(req: IncomingMessage, res: ServerResponse, log: LoggedRequest) {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.headers.authorization !== `Bearer ${opts.oidcRequestToken}`) return send(res, log, 401, { message: "Bad request token" });
    if (url.searchParams.get("audience") !== "codspeed.io") return send(res, log, 400, { message: "Wrong audience" });
    send(res, log, 200, { value: opts.oidcToken });
  }

  function handleGraphql(req: IncomingMessage, res: ServerResponse, body: Buffer, log: LoggedRequest) {
    const { query, variables } = JSON.parse(body.toString("utf8")) as { query: string; variables: Record<string, string> };
    const authed = !!opts.token && req.headers.authorization === opts.token;
    const error = (code: string, message: string) => send(res, log, 200, { data: null, errors: [{ message, extensions: { code } }] });
    if (query.includes("createLoginSession")) {
      return send(res, log, 200, { data: { createLoginSession: { callbackUrl: `${base}/login/s1`, sessionId: "s1" } } });
    }
    if (query.includes("consumeLoginSession")) {
      loginPolls++;
      const done = variables.sessionId === "s1" && loginPolls >= (opts.loginAfterPolls ?? 1);
      return send(res, log, 200, { data: { consumeLoginSession: { token: done ? opts.token : null } } });
    }
    if (!authed) return error("UNAUTHENTICATED", "Unauthenticated");
    if (query.includes("getOrCreateProjectRepository")) {
      return send(res, log, 200, { data: { getOrCreateProjectRepository: { provider: "PROJECT", owner: "loopback-user", name: variables.name } } });
    }
    if (query.includes("FetchLocalRunReport")) {
      const polls = (reportPolls.get(variables.runId!) ?? 0) + 1;
      reportPolls.set(variables.runId!, polls);
      const done = polls >= (opts.reportAfterPolls ?? 1);
      const run = {
        id: variables.runId,
        status: done ? "COMPLETED" : "PROCESSING",
        url: `${base}/${variables.owner}/${variables.name}/runs/${variables.runId}`,
        headReports: [{ id: "h1", impact: done ? 0.034 : null, conclusion: "Success" }],
        results: done ? [{ benchmark: { name: "fib", executor: "walltime" }, value: 0.0012, valgrind: null, walltime: { iterations: 1000, stdev: 0.00001, totalTime: 1.2 }, memory: null }] : [],
      };
      return send(res, log, 200, { data: { repository: { settings: { allowedRegression: 0.05 }, run } } });
    }
    if (query.includes("query Repository")) {
      const known = (opts.knownRepositories ?? []).includes(`${variables.owner}/${variables.name}`);
      return known ? send(res, log, 200, { data: { repository: { id: "r1" } } }) : error("REPOSITORY_NOT_FOUND", "Repository not found");
    }
    send(res, log, 400, { errors: [{ message: "Unknown operation" }] });
  }

  /** Sends `{"x":"aaaa…` until `total` bytes went out, waiting for the socket to drain. */
  async function streamHuge(res: ServerResponse, log: LoggedRequest, total: number, chunked: boolean): Promise<void> {
    log.status = 200;
    res.writeHead(200, { "Content-Type": "application/json", ...(chunked ? {} : { "Content-Length": String(total) }) });
    const chunk = Buffer.alloc(2 ** 20, "a");
    res.write('{"x":"');
    let sent = 6;
    res.once("close", () => res.emit("drain"));
    while (sent < total && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!res.write(part)) await new Promise<void>((r) => res.once("drain", r));
    }
    res.end();
  }

  const stalled: IncomingMessage[] = [];

  const server = createServer(async (req, res) => {
    const route = routeOf(req);
    const log: LoggedRequest = { route, method: req.method ?? "", status: 0, userAgent: req.headers["user-agent"] };
    requests.push(log);
    const fault = route === "other" ? undefined : faults.get(route)?.shift();
    if (fault && "stallAfterBytes" in fault) {
      log.status = "stalled";
      let seen = 0;
      stalled.push(req);
      req.on("data", (c: Buffer) => {
        seen += c.length;
        if (seen >= fault.stallAfterBytes) req.pause();
      });
      return;
    }
    const body = await readBody(req);
    if (fault && "reset" in fault) {
      log.status = "reset";
      req.socket.destroy();
      return;
    }
    if (fault && "delayMs" in fault) await Bun.sleep(fault.delayMs);
    if (res.destroyed || req.socket.destroyed) return;
    if (fault && "reply" in fault) return send(res, log, 200, fault.reply);
    if (fault && "redirect" in fault) return send(res, log, fault.redirect, "", { Location: fault.location.replace("{base}", base) });
    if (fault && "hugeReplyBytes" in fault) return streamHuge(res, log, fault.hugeReplyBytes, !!fault.chunked);
    if (fault && "status" in fault) {
      return send(res, log, fault.status, fault.body ?? { error: `Injected ${fault.status}` }, fault.retryAfter ? { "Retry-After": fault.retryAfter } : {});
    }
    if (!req.headers["user-agent"]?.startsWith("pacer/")) return send(res, log, 400, { error: "Unexpected User-Agent" });
    if (route === "upload") return handleUpload(req, res, body, log);
    if (route === "archive") return handleArchive(req, res, body, log);
    if (route === "oidc") return handleOidc(req, res, log);
    if (route === "graphql") return handleGraphql(req, res, body, log);
    send(res, log, 404, { error: "Not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    uploadUrl: `${base}/upload`,
    apiUrl: `${base}/graphql`,
    oidcUrl: `${base}/oidc?api-version=2.0`,
    uploads,
    requests,
    script: (route, ...f) => faults.set(route, [...(faults.get(route) ?? []), ...f]),
    reset: () => {
      // A request kept stalled by the test before would otherwise live on into the next one.
      for (const req of stalled.splice(0)) req.socket.destroy();
      uploads.length = 0;
      requests.length = 0;
      faults.clear();
      reportPolls.clear();
      nextRun = 1;
      loginPolls = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const req of stalled.splice(0)) req.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
