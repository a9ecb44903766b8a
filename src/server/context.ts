/** What every route handler receives: the storage, the blob store, access rules, the log. @module */
import type { AccessDeps } from "./auth/access.ts";
import type { BlobStore } from "./blobs/types.ts";
import type { ServerConfig } from "./config.ts";
import type { ServerLog } from "./http/log.ts";
import type { Storage } from "./storage/types.ts";

export interface AppContext {
  config: ServerConfig;
  storage: Storage;
  blobs: BlobStore;
  access: AccessDeps;
  log: ServerLog;
  /** Where clients reach this server: `--public-url`, else the listen address. */
  baseUrl(): string;
}

export type Handler = (req: Request & { params: Record<string, string> }, ctx: AppContext) => Promise<Response>;
