/**
 * `npm test`: `bun test` (arguments passed on) with a TMPDIR of its own, removed when it ends.
 * pacer keeps its default profile folder in $TMPDIR (`profile.<id>.out`, as CodSpeed's runner does)
 * and Bun unpacks a compiled binary's native addon there: every test that runs pacer without
 * --profile-folder would otherwise leave a folder in /tmp. The folder is root's and mode 1777, like
 * /tmp, so tests of shared-folder rules (sticky bit, fs.protected_symlinks) see the same kind of
 * folder. Fixed names the integrations use (`/tmp/runner.ctl.fifo`, `/tmp/perf-<pid>.map`) are
 * still in /tmp. A variable, not a `bun test` preload: Bun.spawn without `env` passes the
 * environment the process started with, not later changes to process.env.
 *
 * @module
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "pacer-tests-"));
chmodSync(dir, 0o1777);
const child = Bun.spawn([process.execPath, "test", ...process.argv.slice(2)], {
  env: { ...process.env, TMPDIR: dir },
  stdio: ["inherit", "inherit", "inherit"],
});
// Ctrl-C reaches bun test too (same process group): wait for it to stop, then clean up.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
const code = await child.exited;
rmSync(dir, { recursive: true, force: true });
process.exit(code);
