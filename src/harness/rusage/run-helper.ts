/**
 * Runs a command under the embedded `rusage-exec` helper and returns its resource usage.
 *
 * @module
 */
import { closeSync, mkdtempSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage, PacerError } from "../../errors.ts";
import { parseHelperReport, type RusageJson } from "./report.ts";

async function helperBytes(): Promise<Uint8Array> {
  let path: string;
  try {
    path = (await import("./embedded-helper.ts")).default;
  } catch (err) {
    throw new PacerError("E_RUN", `The rusage helper is not built: ${errorMessage(err)}`, {
      hint: "Run `npm run build` (or `bun src/harness/rusage/build-helper.ts`) first",
      cause: err,
    });
  }
  return new Uint8Array(await Bun.file(path).arrayBuffer());
}

function readAll(fd: number): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(4096);
  for (;;) {
    const n = readSync(fd, buf);
    if (n <= 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Runs `cmd` (stdio inherited) through the helper: the helper forks, the fork execs `cmd`, and wait4
 * on it gives the command's own CPU time and max RSS, not pacer's (see `rusage-exec.c`).
 *
 * The helper is copied out of the executable into a private folder, which is removed as soon as
 * the helper runs, so even a Ctrl-C leaves nothing in /tmp.
 *
 * @throws PacerError `E_RUN` when the helper cannot run or does not report
 *
 * @example
 * ```ts
 * const { maxRssBytes, exitCode } = await runWithRusage(["./bench", "--quick"]);
 * ```
 */
export async function runWithRusage(cmd: string[]): Promise<RusageJson> {
  const dir = mkdtempSync(join(tmpdir(), "pacer-rusage-"));
  let proc: Bun.Subprocess;
  try {
    const exe = join(dir, "rusage-exec");
    writeFileSync(exe, await helperBytes(), { mode: 0o700, flag: "wx" });
    proc = Bun.spawn([exe, ...cmd], { stdio: ["inherit", "inherit", "inherit", "pipe"] });
  } catch (err) {
    if (err instanceof PacerError) throw err;
    throw new PacerError("E_RUN", `Cannot start the rusage helper: ${errorMessage(err)}`, { cause: err });
  } finally {
    // The spawn has exec'd the helper by now: the file is no longer needed.
    rmSync(dir, { recursive: true, force: true });
  }
  const fd = proc.stdio[3];
  await proc.exited;
  if (typeof fd !== "number") throw new PacerError("E_RUN", "The rusage helper's report pipe is missing");
  try {
    return parseHelperReport(readAll(fd));
  } finally {
    closeSync(fd);
  }
}
