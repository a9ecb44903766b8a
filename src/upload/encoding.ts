/**
 * Which compression the archive gets. The default follows the CodSpeed runner, whose backend only
 * knows gzip: simulation profiles (text callgrind files) are gzipped; walltime and memory profiles
 * are mostly zstd-compressed already and go uncompressed below 5 GiB. `PACER_ARCHIVE_ENCODING`
 * (`gzip`, `zstd`, `none`) overrides it for servers that accept zstd.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { ArchiveEncoding } from "./archive.ts";

/** The CodSpeed runner's threshold for compressing walltime/memory profiles. */
export const COMPRESS_ABOVE_BYTES = 5 * 2 ** 30;

export function chooseEncoding(executor: string, folderBytes: number, override?: string): ArchiveEncoding {
  if (override) {
    const v = override.toLowerCase();
    if (v === "gzip" || v === "zstd") return v;
    if (v === "none") return null;
    throw new PacerError("E_USAGE", `Invalid archive encoding "${override}"`, { hint: 'Use "gzip", "zstd" or "none"' });
  }
  if (executor === "valgrind") return "gzip";
  return folderBytes >= COMPRESS_ABOVE_BYTES ? "gzip" : null;
}
