/**
 * The numbered migrations, in order. A migration is one `.sql` file both dialects read, or a pair
 * `NNN-name.sqlite.sql` / `NNN-name.postgres.sql` where they differ. Applied names are recorded in
 * `schema_migrations`; a file is never edited once released, a change is a new number.
 *
 * @module
 */
import initial from "./001-initial.sql" with { type: "text" };
import prComments from "./002-pr-comments.sql" with { type: "text" };

export interface Migration {
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: Migration[] = [
  { name: "001-initial", sqlite: initial, postgres: initial },
  { name: "002-pr-comments", sqlite: prComments, postgres: prComments },
];

/** Splits a migration file into statements (no statement of ours holds a `;` in a string). */
export function statements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((l) => !l.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}
