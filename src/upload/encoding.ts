/**
 * Which compression the archive gets. The default follows the CodSpeed runner, whose backend only
 * knows gzip: a mode may name its encoding (`ModeSpec.archiveEncoding`, e.g. gzip for text
 * callgrind files); other profiles are mostly zstd-compressed already and go uncompressed below 5 GiB. `PACER_ARCHIVE_ENCODING`
 * (`gzip`, `zstd`, `none`) overrides it for servers that accept zstd.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { ArchiveEncoding } from "./archive.ts";

/** The CodSpeed runner's threshold for compressing profiles whose mode names no encoding. */
export const COMPRESS_ABOVE_BYTES = 5 * 2 ** 30;

export function chooseEncoding(modeEncoding: ArchiveEncoding | undefined, folderBytes: number, override?: string): ArchiveEncoding {
  if (override) {
    const v = override.toLowerCase();
    if (v === "gzip" || v === "zstd") return v;
    if (v === "none") return null;
    throw new PacerError("E_USAGE", `Invalid archive encoding "${override}"`, { hint: 'Use "gzip", "zstd" or "none"' });
  }
  if (modeEncoding) return modeEncoding;
  return folderBytes >= COMPRESS_ABOVE_BYTES ? "gzip" : null;
}
