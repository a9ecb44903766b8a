/**
 * The backends the server suite runs against: embedded SQLite always, PostgreSQL when
 * `PACER_TEST_POSTGRES_URL` names a server (each suite gets a database of its own, dropped after).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL } from "bun";

export interface Backend {
  name: "sqlite" | "postgres";
  /** A fresh, empty database URL, and how to remove it. */
  fresh(): Promise<{ url: string; drop(): Promise<void> }>;
}

const sqlite: Backend = {
  name: "sqlite",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "pacer-serve-db-"));
    return { url: `sqlite://${join(dir, "pacer.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

function postgres(base: string): Backend {
  return {
    name: "postgres",
    async fresh() {
      const name = `pacer_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new SQL(base);
      await admin.unsafe(`CREATE DATABASE ${name}`);
      await admin.close();
      const u = new URL(base);
      u.pathname = `/${name}`;
      return {
        url: u.toString(),
        drop: async () => {
          const a = new SQL(base);
          await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await a.close();
        },
      };
    },
  };
}

export const BACKENDS: Backend[] = [sqlite, ...(process.env.PACER_TEST_POSTGRES_URL ? [postgres(process.env.PACER_TEST_POSTGRES_URL)] : [])];
