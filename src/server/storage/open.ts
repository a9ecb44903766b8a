/** Opens the storage a database URL names (`sqlite://…` or `postgres://…`). @module */
import type { Storage } from "./types.ts";

export async function openStorage(url: string): Promise<Storage> {
  if (url.startsWith("sqlite://")) return (await import("./sqlite.ts")).openSqlite(url);
  return (await import("./postgres.ts")).openPostgres(url);
}
