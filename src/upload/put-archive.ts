/**
 * Step 2 of an upload (§5.5 of the reference): PUT the archive, streamed from disk, to the URL the
 * server returned. Retried like the POST: each attempt reopens the file.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { ProfileArchive } from "./archive.ts";
import { fetchWithRetry, NetworkError, type RetryOptions } from "./client.ts";
import { failureReason } from "./request-slot.ts";

/** The headers of the PUT, exactly as the CodSpeed runner sends them. */
export function archiveHeaders(archive: ProfileArchive): Record<string, string> {
  return {
    "Content-Type": "application/x-tar",
    "Content-Length": String(archive.size),
    "Content-MD5": archive.md5,
    ...(archive.encoding ? { "Content-Encoding": archive.encoding } : {}),
  };
}

export async function putArchive(url: string, archive: ProfileArchive, retry: RetryOptions, retryHint: string): Promise<void> {
  let res: Response;
  try {
    res = await fetchWithRetry(url, () => ({ method: "PUT", headers: archiveHeaders(archive), body: Bun.file(archive.path) }), retry);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    throw new PacerError("E_UPLOAD", `Failed to upload performance report: ${err.message}`, { hint: retryHint, cause: err });
  }
  if (!res.ok) {
    throw new PacerError("E_UPLOAD", `Failed to upload performance report: ${res.status}: ${await failureReason(res)}`, {
      hint: retryHint,
    });
  }
}
