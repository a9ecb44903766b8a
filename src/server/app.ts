/**
 * The HTTP app: `createServer(config)` opens the storage (running the migrations), the blob store,
 * starts `config.workers` processing workers and `Bun.serve` over the route table, and returns
 * `{ url, stop() }`. Everything it keeps is in the database and the blob store: any number of
 * these processes can serve one PostgreSQL and one bucket.
 *
 * @module
 */
import type { AccessDeps } from "./auth/access.ts";
import { jwksCache } from "./auth/jwks.ts";
import { openBlobStore } from "./blobs/open.ts";
import { describeGitHub, redactUrl, type ServerConfig } from "./config.ts";
import { githubFeedback } from "./github/feedback.ts";
import type { AppContext, Handler } from "./context.ts";
import { errorResponse, json } from "./http/errors.ts";
import { serverLog, type ServerLog } from "./http/log.ts";
import { startWorkers, type Workers } from "./processing/worker.ts";
import { ROUTES, type Method } from "./routes/index.ts";
import { openStorage } from "./storage/open.ts";
import type { Storage } from "./storage/types.ts";

export interface RunningServer {
  url: string;
  storage: Storage;
  workers?: Workers;
  stop(): Promise<void>;
}

function wrap(handler: Handler, ctx: AppContext, what: string) {
  return async (req: Request & { params: Record<string, string> }) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err, ctx.log, `${req.method} ${what}`);
    }
  };
}

export async function createServer(config: ServerConfig, opts: { log?: ServerLog; env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const log = opts.log ?? serverLog();
  const storage = await openStorage(config.database);
  try {
    const applied = await storage.migrate();
    if (applied.length) log.info(`Applied migrations: ${applied.join(", ")}`);
    const blobs = await openBlobStore(config.blobs, opts.env);
    const access: AccessDeps = {
      storage,
      allowTokenless: config.allowTokenless,
      ...(config.oidc ? { oidc: config.oidc, keys: jwksCache(config.oidc.jwksUrl) } : {}),
    };
    let url = "";
    const ctx: AppContext = { config, storage, blobs, access, log, baseUrl: () => config.publicUrl ?? url };
    const routes: Record<string, Partial<Record<Method, ReturnType<typeof wrap>>>> = {};
    for (const [path, methods] of Object.entries(ROUTES)) {
      routes[path] = Object.fromEntries(Object.entries(methods).map(([m, h]) => [m, wrap(h, ctx, path)]));
    }
    const server = Bun.serve({
      hostname: config.hostname,
      port: config.port,
      // Archives stream through; the limit is checked while streaming (blobs/hashing-stream.ts).
      maxRequestBodySize: config.maxArchiveBytes + (1 << 20),
      idleTimeout: 120,
      routes: routes as unknown as Record<string, Response>,
      fetch: () => json({ error: "Not found: see /api/v1/health, /upload, /graphql and /api/v1/projects" }, 404),
      error: (err) => errorResponse(err, log, "request"),
    });
    url = `http://${server.hostname?.includes(":") ? `[${server.hostname}]` : server.hostname}:${server.port}`;
    const feedback = config.github ? githubFeedback(config.github, storage, log, ctx.baseUrl) : undefined;
    const workers = config.workers > 0
      ? startWorkers({ storage, blobs, log, leaseMs: config.jobLeaseMs, maxBytes: config.maxArchiveBytes, retryBaseMs: config.jobRetryBaseMs, ...(feedback ? { feedback } : {}) }, config.workers)
      : undefined;
    log.info(`pacer serve listening on ${url} (database ${redactUrl(config.database)}, blobs ${blobs.describe()}, ${config.workers} worker${config.workers === 1 ? "" : "s"}, ${describeGitHub(config.github)})`);
    return {
      url,
      storage,
      ...(workers ? { workers } : {}),
      async stop() {
        await server.stop(true);
        await workers?.stop();
        await storage.close();
      },
    };
  } catch (err) {
    await storage.close().catch(() => {});
    throw err;
  }
}
