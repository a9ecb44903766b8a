/**
 * The profile archive: a tar of the profile folder streamed to a temporary file (optionally through
 * gzip or zstd), with the MD5 of the exact bytes computed on the way. Every file, whatever its size
 * or content, streams through the secret masker: no registered token leaves the machine.
 * The file lives in a private (0700) directory of its own, mode 0600.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { constants, createReadStream, createWriteStream, lstatSync, openSync, readdirSync, readlinkSync, rmSync, statfsSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";
import { createZstdCompressStream } from "../compress/zstd.ts";
import { PacerError } from "../errors.ts";
import { maskSecrets, registeredSecrets } from "../log/mask.ts";
import { makeOwnedTempDir, removeOwnedTempDir } from "../system/owned-temp-dir.ts";
import { createMaskStream } from "./mask-stream.ts";

export type ArchiveEncoding = "gzip" | "zstd" | null;

export interface ProfileArchive {
  /** The temporary archive file; remove it with {@link removeArchive}. */
  path: string;
  /** The private directory holding it (absent with `outPath`). */
  dir?: string;
  /** Exact byte length of the file (the `Content-Length` of the PUT). */
  size: number;
  /** Standard base64 (padded) MD5 of the file: `profileMd5` and `Content-MD5`. */
  md5: string;
  encoding: ArchiveEncoding;
  /** Number of files and directories archived. */
  entries: number;
  /** Secret occurrences replaced by `*` in file contents. */
  masked: number;
}

interface Item {
  rel: string;
  abs: string;
  kind: "file" | "directory" | "symlink";
  size: number;
  mode: number;
  mtime: Date;
}

/** Folder entries in a stable order (sorted, parents before children); other file types are skipped. */
function walk(root: string, rel = "", out: Item[] = []): Item[] {
  const names = readdirSync(join(root, rel)).sort();
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name;
    const abs = join(root, r);
    const st = lstatSync(abs);
    const base = { rel: r, abs, size: st.size, mode: st.mode & 0o7777, mtime: st.mtime };
    if (st.isDirectory()) {
      out.push({ ...base, kind: "directory", size: 0 });
      walk(root, r, out);
    } else if (st.isFile()) out.push({ ...base, kind: "file" });
    else if (st.isSymbolicLink()) out.push({ ...base, kind: "symlink", size: 0 });
  }
  return out;
}

/** Total size in bytes of the regular files under `dir`. */
export function folderSize(dir: string): number {
  return walk(dir).reduce((sum, i) => sum + (i.kind === "file" ? i.size : 0), 0);
}

/** Streams one file through the masker; the size is unchanged (same-length masking). */
async function addFile(pack: tar.Pack, item: Item, secrets: string[]): Promise<number> {
  const header = { name: maskSecrets(item.rel), mode: item.mode, mtime: item.mtime, type: "file" as const, size: item.size };
  // O_NOFOLLOW: a file swapped for a link after the walk is refused rather than followed.
  const fd = openSync(item.abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  const masker = createMaskStream(secrets);
  let entry: ReturnType<tar.Pack["entry"]> | undefined;
  const written = new Promise<void>((resolve, reject) => {
    entry = pack.entry(header, (err) => (err ? reject(err) : resolve()));
  });
  await Promise.all([pipeline(createReadStream("", { fd }), masker, entry!), written]);
  return masker.masked;
}

async function fillPack(pack: tar.Pack, items: Item[]): Promise<number> {
  const secrets = registeredSecrets();
  let masked = 0;
  try {
    for (const item of items) {
      const name = maskSecrets(item.rel);
      if (item.kind === "directory") {
        pack.entry({ name: `${name}/`, type: "directory", mode: item.mode, mtime: item.mtime });
      } else if (item.kind === "symlink") {
        pack.entry({ name, type: "symlink", linkname: maskSecrets(readlinkSync(item.abs)), mode: item.mode, mtime: item.mtime });
      } else {
        masked += await addFile(pack, item, secrets);
      }
    }
    pack.finalize();
  } catch (err) {
    // Unblocks the pipeline reading the pack, which would otherwise wait forever.
    pack.destroy(err as Error);
    throw err;
  }
  return masked;
}

function compressor(encoding: ArchiveEncoding): Transform {
  if (encoding === "gzip") return createGzip();
  if (encoding === "zstd") return createZstdCompressStream(3);
  return new PassThrough();
}

/** Deletes the archive and its private directory. */
export function removeArchive(archive: Pick<ProfileArchive, "path" | "dir">): void {
  if (archive.dir) removeOwnedTempDir(archive.dir);
  else rmSync(archive.path, { force: true });
}

/**
 * A private directory for the archive: mkdtemp creates it 0700, so no other user can see or swap
 * it; owned, so the next pacer removes it if this one is killed mid-upload.
 */
export function archiveDir(): string {
  return makeOwnedTempDir("pacer-upload-");
}

/**
 * Archives `folder` (entries relative to it, e.g. `results/123.json`) into a temporary file.
 * `dir` (default: a new {@link archiveDir}) is removed again if archiving fails.
 *
 * @example
 * ```ts
 * const archive = await createProfileArchive("/tmp/profile.abc.out", { encoding: "gzip" });
 * console.log(archive.path, archive.size, archive.md5); // "/tmp/pacer-upload-…/profile.tar.gz" 1234 "jp/k05R…=="
 * removeArchive(archive);
 * ```
 */
export async function createProfileArchive(
  folder: string,
  opts: { encoding: ArchiveEncoding; outPath?: string; dir?: string },
): Promise<ProfileArchive> {
  const items = walk(folder);
  const ext = opts.encoding === "gzip" ? ".tar.gz" : opts.encoding === "zstd" ? ".tar.zst" : ".tar";
  const dir = opts.outPath ? undefined : (opts.dir ?? archiveDir());
  const path = opts.outPath ?? join(dir!, `profile${ext}`);
  try {
    const md5 = createHash("md5");
    let size = 0;
    const hasher = new PassThrough();
    hasher.on("data", (chunk: Buffer) => {
      md5.update(chunk);
      size += chunk.length;
    });
    const pack = tar.pack();
    const filling = fillPack(pack, items);
    const out = createWriteStream(path, { mode: 0o600, flags: "wx" });
    const [, masked] = await Promise.all([pipeline(pack, compressor(opts.encoding), hasher, out), filling]);
    return { path, ...(dir ? { dir } : {}), size, md5: md5.digest("base64"), encoding: opts.encoding, entries: items.length, masked };
  } catch (err) {
    removeArchive({ path, dir });
    throw noSpaceError(err, dirname(dir ?? path), folder) ?? err;
  }
}

/** A full disk named with the free space and what the archive needed, instead of a bare ENOSPC. */
function noSpaceError(err: unknown, where: string, folder: string): PacerError | undefined {
  const code = (err as { code?: string }).code;
  if (code !== "ENOSPC" && code !== "EDQUOT") return undefined;
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  let free = "";
  try {
    const fs = statfsSync(where);
    free = `${mib(fs.bavail * fs.bsize)} free, `;
  } catch {
    // the message is still right without the number
  }
  return new PacerError("E_IO", `Cannot write the upload archive in "${where}": no space left on device (${free}the profile folder holds ${mib(folderSize(folder))})`, {
    hint: "Free some space or point TMPDIR to a larger disk",
    cause: err,
  });
}
