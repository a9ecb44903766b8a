/**
 * The profile archive: a tar of the profile folder streamed to a temporary file (optionally through
 * gzip or zstd), with the MD5 of the exact bytes computed on the way. Nothing is held whole in
 * memory except small text files, which are masked for secrets before they go in.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";
import { createZstdCompressStream } from "../compress/zstd.ts";
import { maskSecrets } from "../log/mask.ts";

export type ArchiveEncoding = "gzip" | "zstd" | null;

export interface ProfileArchive {
  /** The temporary archive file; the caller deletes it after the upload. */
  path: string;
  /** Exact byte length of the file (the `Content-Length` of the PUT). */
  size: number;
  /** Standard base64 (padded) MD5 of the file: `profileMd5` and `Content-MD5`. */
  md5: string;
  encoding: ArchiveEncoding;
  /** Number of files and directories archived. */
  entries: number;
}

/** Text files up to this size are read whole and masked; anything larger or binary streams as is. */
const MASK_LIMIT = 16 * 2 ** 20;

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

function looksLikeText(buf: Buffer): boolean {
  return !buf.subarray(0, 8192).includes(0);
}

async function addFile(pack: tar.Pack, item: Item): Promise<void> {
  const header = { name: item.rel, mode: item.mode, mtime: item.mtime, type: "file" as const };
  if (item.size <= MASK_LIMIT) {
    const raw = readFileSync(item.abs);
    // A token that reached a log (e.g. printed by the benchmark) must not reach the server.
    // Bytes are only rewritten when a secret was found (a utf8 round trip could alter other bytes).
    const text = looksLikeText(raw) ? raw.toString("utf8") : undefined;
    const masked = text === undefined ? undefined : maskSecrets(text);
    const data = masked === undefined || masked === text ? raw : Buffer.from(masked, "utf8");
    await new Promise<void>((resolve, reject) =>
      pack.entry({ ...header, size: data.length }, data, (err) => (err ? reject(err) : resolve())),
    );
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ ...header, size: item.size }, (err) => (err ? reject(err) : resolve()));
    const src = createReadStream(item.abs);
    src.on("error", reject);
    src.on("data", (chunk) => {
      if (!entry.write(chunk)) {
        src.pause();
        entry.once("drain", () => src.resume());
      }
    });
    src.on("end", () => entry.end(Buffer.alloc(0)));
  });
}

async function fillPack(pack: tar.Pack, items: Item[]): Promise<void> {
  for (const item of items) {
    if (item.kind === "directory") {
      pack.entry({ name: `${item.rel}/`, type: "directory", mode: item.mode, mtime: item.mtime });
    } else if (item.kind === "symlink") {
      pack.entry({ name: item.rel, type: "symlink", linkname: readlinkSync(item.abs), mode: item.mode, mtime: item.mtime });
    } else {
      await addFile(pack, item);
    }
  }
  pack.finalize();
}

function compressor(encoding: ArchiveEncoding): Transform {
  if (encoding === "gzip") return createGzip();
  if (encoding === "zstd") return createZstdCompressStream(3);
  return new PassThrough();
}

/**
 * Archives `folder` (entries relative to it, e.g. `results/123.json`) into a temporary file.
 *
 * @example
 * ```ts
 * const archive = await createProfileArchive("/tmp/profile.abc.out", { encoding: "gzip" });
 * console.log(archive.path, archive.size, archive.md5); // "/tmp/pacer-profile-….tar.gz" 1234 "jp/k05R…=="
 * ```
 */
export async function createProfileArchive(
  folder: string,
  opts: { encoding: ArchiveEncoding; outPath?: string },
): Promise<ProfileArchive> {
  const items = walk(folder);
  const ext = opts.encoding === "gzip" ? ".tar.gz" : opts.encoding === "zstd" ? ".tar.zst" : ".tar";
  const path = opts.outPath ?? join(tmpdir(), `pacer-profile-${randomBytes(6).toString("hex")}${ext}`);
  const md5 = createHash("md5");
  let size = 0;
  const hasher = new PassThrough();
  hasher.on("data", (chunk: Buffer) => {
    md5.update(chunk);
    size += chunk.length;
  });
  const pack = tar.pack();
  const filling = fillPack(pack, items);
  await Promise.all([pipeline(pack, compressor(opts.encoding), hasher, createWriteStream(path)), filling]);
  return { path, size, md5: md5.digest("base64"), encoding: opts.encoding, entries: items.length };
}
