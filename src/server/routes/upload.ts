/**
 * The CodSpeed upload endpoints: `POST /upload` (the runner's `--upload-url`) and the upload URL
 * it hands out, `PUT /upload/{part}/{secret}`.
 *
 * @module
 */
import type { Handler } from "../context.ts";
import { json } from "../http/errors.ts";
import { receiveArchive, requestUpload } from "../services/ingest.ts";

/** Metadata bodies are a few KiB; anything much larger is not metadata. */
const MAX_METADATA_BYTES = 1 << 20;

export const postUpload: Handler = async (req, ctx) => {
  const body = await req.text();
  if (body.length > MAX_METADATA_BYTES) return json({ error: "The upload metadata is too large" }, 413);
  const slot = await requestUpload({ ...ctx, maxArchiveBytes: ctx.config.maxArchiveBytes }, req.headers.get("authorization"), body, ctx.baseUrl());
  ctx.log.info(`Upload slot for run "${slot.runId}" of "${slot.owner}/${slot.repository}"`);
  return json({ status: slot.status, uploadUrl: slot.uploadUrl, runId: slot.runId });
};

export const putArchive: Handler = async (req, ctx) => {
  const out = await receiveArchive(
    { ...ctx, maxArchiveBytes: ctx.config.maxArchiveBytes },
    req.params.part!,
    req.params.secret!,
    req.headers.get("content-md5"),
    req.body,
  );
  if (out.stored) ctx.log.info(`Archive of run part "${req.params.part}" stored (${out.size} bytes), queued for processing`);
  return json({ status: "success" });
};
