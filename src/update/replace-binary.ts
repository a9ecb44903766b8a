/**
 * Replaces the running binary: the new one is written beside it (same folder, so the rename
 * cannot cross file systems), fsynced, checked to start, then renamed over the old one. On any
 * failure the temp file is removed and the old binary is left as it was.
 *
 * @module
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PacerError, errorMessage } from "../errors.ts";
import { writeAll } from "../system/atomic-file.ts";

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to fsync a folder: the rename itself is still atomic.
  }
}

export function replaceBinary(target: string, bytes: Uint8Array): void {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.update-${process.pid}`);
  const mode = statSync(target).mode & 0o777;
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode | 0o100);
    try {
      writeAll(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // A download that is not a program for this machine must not replace a working one.
    let probe: ReturnType<typeof Bun.spawnSync>;
    try {
      probe = Bun.spawnSync([tmp, "--version"], { stdout: "pipe", stderr: "pipe", timeout: 30_000 });
    } catch (err) {
      throw new Error(`the downloaded binary does not run here (${errorMessage(err).split(",")[0]})`);
    }
    if (probe.exitCode !== 0 || !String(probe.stdout).startsWith("pacer ")) {
      const stderr = String(probe.stderr ?? "").trim().slice(0, 200);
      throw new Error(`the downloaded binary does not run here (exit ${probe.exitCode}${stderr ? `: ${stderr}` : ""})`);
    }
    renameSync(tmp, target);
    fsyncDir(dir);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new PacerError("E_IO", `Cannot replace "${target}": ${errorMessage(err)}`, {
      hint: "The installed binary is unchanged; check that its folder is writable (or rerun with sudo for /usr/local/bin)",
    });
  }
}
