/**
 * `.ci/run`'s PostgreSQL for the whole test run: `bun test/helpers/postgres-ci.ts start` starts a private
 * cluster (see postgres.ts) and prints the shell lines exporting `PACER_TEST_POSTGRES_URL` (which the
 * server suites' `_backends.ts` reads) and `PACER_TEST_POSTGRES_ROOT`; `… stop ROOT` stops it and
 * removes its directory.
 */
import { postgresMissing, startPostgres, stopCluster } from "./postgres.ts";

const [cmd, root] = process.argv.slice(2);
if (cmd === "start") {
  const missing = postgresMissing();
  if (missing) {
    process.stderr.write(`No PostgreSQL for the tests: ${missing}\n`);
    process.exit(1);
  }
  const pg = await startPostgres();
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  process.stdout.write(`export PACER_TEST_POSTGRES_URL=${q(pg.url)}\nexport PACER_TEST_POSTGRES_ROOT=${q(pg.root)}\n`);
} else if (cmd === "stop" && root) {
  await stopCluster(root, true);
} else {
  process.stderr.write("Usage: bun test/helpers/postgres-ci.ts start | stop ROOT\n");
  process.exit(2);
}
