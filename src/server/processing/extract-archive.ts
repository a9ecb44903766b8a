/**
 * Unpacks an uploaded archive (tar, gzip or zstd, as its `profileEncoding` says) from the blob store
 * into a private temporary folder, streaming: only regular files and directories are written, and
 * no entry may leave the folder (no `..`, no absolute names, no links: an archive is untrusted).
 *
 * @module
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join, normalize, resolve, sep } from "node:path";
import { Readable, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { makeOwnedTempDir, removeOwnedTempDir } from "../../system/owned-temp-dir.ts";

function decoder(encoding: string | null): Transform | undefined {
  if (encoding === "gzip") return createGunzip();
  if (encoding === "zstd") {
    // zstd-napi is the binding build.ts embeds in the binary (loaded only when a zstd archive comes).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const z = require("zstd-napi") as typeof import("zstd-napi");
    return new z.DecompressStream() as unknown as Transform;
  }
  return undefined;
}

/** The safe path of an entry under `root`, or undefined when it must be skipped. */
export function entryPath(root: string, name: string): string | undefined {
  const clean = normalize(name.replace(/^\.\/+/, "")).replace(/\/+$/, "");
  if (!clean || clean === "." || clean.startsWith("..") || clean.startsWith("/") || name.includes("\0")) return undefined;
  const p = resolve(root, clean);
  return p.startsWith(root + sep) ? p : undefined;
}

/**
 * Extracts `body` into a new temporary folder; the caller removes it with {@link removeExtracted}
 * (see {@link withExtracted}). The folder is `archive/` inside an owned temp folder, so no entry of
 * the archive meets the owner file.
 */
export async function extractArchive(body: ReadableStream<Uint8Array>, encoding: string | null, maxBytes: number): Promise<string> {
  const root = join(makeOwnedTempDir("pacer-serve-"), "archive");
  try {
    mkdirSync(root, { mode: 0o700 });
    const ex = tar.extract();
    let written = 0;
    ex.on("entry", (header, stream, next) => {
      const path = entryPath(root, header.name);
      // An error is handed to the extractor (which fails the pipeline), never left on the entry stream.
      stream.on("error", () => {});
      const done = (err?: unknown) => (err ? ex.destroy(err as Error) : next());
      if (!path || (header.type !== "file" && header.type !== "directory")) {
        stream.on("end", () => done()).resume();
        return;
      }
      if (header.type === "directory") {
        mkdirSync(path, { recursive: true, mode: 0o700 });
        stream.on("end", () => done()).resume();
        return;
      }
      written += header.size ?? 0;
      if (written > maxBytes) return done(new Error(`The archive unpacks to more than ${maxBytes} bytes`));
      mkdirSync(resolve(path, ".."), { recursive: true, mode: 0o700 });
      pipeline(stream, createWriteStream(path, { flags: "wx", mode: 0o600 })).then(() => done(), done);
    });
    const source = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
    const dec = decoder(encoding);
    await (dec ? pipeline(source, dec, ex) : pipeline(source, ex));
    return root;
  } catch (err) {
    removeExtracted(root);
    throw err;
  }
}

/** Removes a folder made by {@link extractArchive}. */
export function removeExtracted(folder: string): void {
  removeOwnedTempDir(dirname(folder));
}

/** Runs `fn` on the extracted folder and always removes it. */
export async function withExtracted<T>(body: ReadableStream<Uint8Array>, encoding: string | null, maxBytes: number, fn: (folder: string) => Promise<T>): Promise<T> {
  const folder = await extractArchive(body, encoding, maxBytes);
  try {
    return await fn(folder);
  } finally {
    removeExtracted(folder);
  }
}
