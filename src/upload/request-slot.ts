/**
 * Step 1 of an upload (§5.4 of the reference): POST the metadata, get a URL to PUT the archive to.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { fetchWithRetry, jsonPost, NetworkError, type RetryOptions } from "./client.ts";
import { failureReason, parseReply } from "./reply.ts";

const UploadSlotSchema = v.object({
  status: v.optional(v.nullable(v.string()), ""),
  uploadUrl: v.pipe(v.string(), v.url()),
  runId: v.pipe(v.string(), v.minLength(1)),
});

export interface UploadSlot {
  status: string;
  uploadUrl: string;
  runId: string;
}

/**
 * POSTs `metadataJson` (already serialised: its bytes are what the run hash covers). The token is
 * sent raw in `Authorization`, without `Bearer`, as the CodSpeed API expects.
 */
export async function requestUploadSlot(
  uploadUrl: string,
  metadataJson: string,
  token: string | undefined,
  retry: RetryOptions,
  hints: { auth: string; retry: string },
): Promise<UploadSlot> {
  let reply;
  try {
    reply = await fetchWithRetry(
      uploadUrl,
      () => jsonPost(metadataJson, token),
      retry,
    );
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    throw new PacerError("E_UPLOAD", `Failed to retrieve upload data from "${uploadUrl}": ${err.message}`, {
      hint: `Check the network and the upload URL. ${hints.retry}`,
      cause: err,
    });
  }
  if (!reply.ok) {
    const reason = failureReason(reply);
    const isAuth = reply.status === 401 || reply.status === 403;
    const isRedirect = reply.status >= 300 && reply.status < 400;
    const hint = isAuth
      ? hints.auth
      : isRedirect
        ? "Pass the final upload endpoint to --upload-url"
        : "Check that owner and repository are correct (case-sensitive)";
    throw new PacerError(isAuth ? "E_AUTH" : "E_UPLOAD", `Failed to retrieve upload data from "${uploadUrl}": ${reply.status}: ${reason}`, {
      hint: `${hint}. ${hints.retry}`,
    });
  }
  const slot = parseReply(reply, UploadSlotSchema, "upload request", uploadUrl, { hint: `Check --upload-url. ${hints.retry}` });
  return { status: slot.status ?? "", uploadUrl: slot.uploadUrl, runId: slot.runId };
}
