/**
 * Step 2 of an upload (§5.5 of the reference): PUT the archive, streamed from disk, to the URL the
 * server returned. Retried like the POST: each attempt reopens the file. The body is a stream pacer
 * reads itself, so the watchdog sees every chunk leave (Bun applies the socket's backpressure) and
 * progress lines can tell how far it got.
 *
 * @module
 */
import { open } from "node:fs/promises";
import { PacerError } from "../errors.ts";
import type { ProfileArchive } from "./archive.ts";
import { fetchWithRetry, NetworkError, type Attempt, type RetryOptions } from "./client.ts";
import type { Progress } from "./progress.ts";
import { failureReason } from "./reply.ts";
import { StallError } from "./watchdog.ts";

const CHUNK = 256 * 1024;

/** The headers of the PUT, exactly as the CodSpeed runner sends them. */
export function archiveHeaders(archive: ProfileArchive): Record<string, string> {
  return {
    "Content-Type": "application/x-tar",
    "Content-Length": String(archive.size),
    "Content-MD5": archive.md5,
    ...(archive.encoding ? { "Content-Encoding": archive.encoding } : {}),
  };
}

/** The file as a pull stream: one chunk per pull, counted as it goes. */
function fileBody(path: string, attempt: Attempt, progress?: Progress): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const close = () => handle?.close().catch(() => {});
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      handle ??= await open(path, "r");
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) {
        await close();
        controller.close();
        return;
      }
      attempt.touch(bytesRead);
      progress?.add(bytesRead);
      controller.enqueue(buf.subarray(0, bytesRead));
    },
    cancel: close,
  });
}

export async function putArchive(url: string, archive: ProfileArchive, retry: RetryOptions, retryHint: string, progress?: Progress): Promise<void> {
  let reply;
  try {
    reply = await fetchWithRetry(
      url,
      (attempt) => {
        progress?.restart();
        return { method: "PUT", headers: archiveHeaders(archive), body: fileBody(archive.path, attempt, progress), duplex: "half" } as RequestInit;
      },
      retry,
    );
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    const stalled = err.cause instanceof StallError;
    const hint = stalled ? `If the link is just slow, raise --stall-timeout or PACER_UPLOAD_STALL_TIMEOUT. ${retryHint}` : retryHint;
    throw new PacerError("E_UPLOAD", `Failed to upload performance report: ${err.message}`, { hint, cause: err });
  } finally {
    progress?.stop();
  }
  if (!reply.ok) {
    throw new PacerError("E_UPLOAD", `Failed to upload performance report: ${reply.status}: ${failureReason(reply)}`, {
      hint: retryHint,
    });
  }
}
