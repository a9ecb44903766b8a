/**
 * Step 1 of an upload (§5.4 of the reference): POST the metadata, get a URL to PUT the archive to.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { fetchWithRetry, NetworkError, type RetryOptions } from "./client.ts";

export interface UploadSlot {
  status: string;
  uploadUrl: string;
  runId: string;
}

/** The server's reason: `{"error": "..."}` when it is JSON, else the raw text. */
export async function failureReason(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 500) || res.statusText || "no reason given";
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
  let res: Response;
  try {
    res = await fetchWithRetry(
      uploadUrl,
      () => ({
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: token } : {}) },
        body: metadataJson,
      }),
      retry,
    );
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    throw new PacerError("E_UPLOAD", `Failed to retrieve upload data from "${uploadUrl}": ${err.message}`, {
      hint: `Check the network and the upload URL. ${hints.retry}`,
      cause: err,
    });
  }
  if (!res.ok) {
    const reason = await failureReason(res);
    const isAuth = res.status === 401 || res.status === 403;
    throw new PacerError(isAuth ? "E_AUTH" : "E_UPLOAD", `Failed to retrieve upload data: ${res.status}: ${reason}`, {
      hint: isAuth ? `${hints.auth}. ${hints.retry}` : `Check that owner and repository are correct (case-sensitive). ${hints.retry}`,
    });
  }
  const body = (await res.json().catch(() => ({}))) as Partial<UploadSlot>;
  if (typeof body.uploadUrl !== "string" || typeof body.runId !== "string") {
    throw new PacerError("E_UPLOAD", `Failed to retrieve upload data: the response of "${uploadUrl}" has no "uploadUrl" or "runId"`, {
      hint: hints.retry,
    });
  }
  return { status: String(body.status ?? ""), uploadUrl: body.uploadUrl, runId: body.runId };
}
