/**
 * Reads files a benchmark left in shared places (`/tmp/perf-<pid>.map`, `jit-<pid>.dump` in its
 * cwd) without trusting the path: another local user may have planted a symlink, a FIFO or their
 * own file under that name for an upcoming pid.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import type { OwnedRead } from "../plugin/types.ts";

/** {@link OwnedRead} with a Buffer (the public type says Uint8Array: plugins are typed without node's types). */
export type OwnedFileRead = Extract<OwnedRead, { ok: false }> | { ok: true; data: Buffer };

/**
 * The contents of `path` when it is a regular file owned by `uid`, opened without following a
 * final symlink (`O_NOFOLLOW`) and checked on the open fd, so a swap after the check changes nothing.
 * Undefined when there is no such file.
 */
export function readOwnedFile(path: string, uid: number): OwnedFileRead | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: a planted FIFO must not block the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return { ok: false, why: code === "ELOOP" ? "it is a symbolic link" : `cannot open it (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: "it is not a regular file" };
    if (st.uid !== uid) return { ok: false, why: `it belongs to uid ${st.uid}, not to the benchmark's uid ${uid}` };
    const data = Buffer.alloc(st.size);
    let off = 0;
    while (off < data.length) {
      const n = readSync(fd, data, off, data.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return { ok: true, data: data.subarray(0, off) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves `src`, a file the benchmark left in a shared place, to `dest` when {@link readOwnedFile}
 * accepts it; `warn` is told about a refused one, which is neither read nor removed. The source is
 * removed even when writing `dest` fails (a full disk): the shared folder is left as it was before
 * the run. Returns the bytes moved; undefined when there was no such file or it was refused.
 */
export function moveOwnedFile(src: string, dest: string, uid: number, warn?: (msg: string) => void): Buffer | undefined {
  const r = readOwnedFile(src, uid);
  if (!r) return undefined;
  if (!r.ok) return void warn?.(refusalMessage(src, r.why));
  try {
    writeFileSync(dest, r.data);
  } finally {
    rmSync(src, { force: true });
  }
  return r.data;
}

/** What to tell the user about a file {@link readOwnedFile} refused. */
export function refusalMessage(path: string, why: string): string {
  return `Ignoring "${path}": ${why} (another local user may have planted it)`;
}

/** The uid the benchmark runs as: pacer does not switch users, so its own. */
export function benchmarkUid(): number {
  return process.geteuid?.() ?? 0;
}
