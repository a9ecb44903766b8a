/**
 * The CodSpeed upload protocol, server side: POST /upload (the metadata) creates or finds the run
 * part and hands out a one-time upload URL; PUT at that URL streams the archive into the blob store
 * with its MD5 checked, then queues the part for processing.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import * as v from "valibot";
import { authorizeUpload, type AccessDeps } from "../auth/access.ts";
import type { BlobStore } from "../blobs/types.ts";
import { HttpError } from "../http/errors.ts";
import type { Storage } from "../storage/types.ts";
import { branchOf, machineKey, machineOf, MetadataSchema, modeOf, partKeyOf } from "./upload-metadata.ts";

export interface IngestDeps {
  storage: Storage;
  blobs: BlobStore;
  access: AccessDeps;
  maxArchiveBytes: number;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** POST /upload: `{ status, uploadUrl, runId }`. `baseUrl` is where this server is reached. */
export async function requestUpload(d: IngestDeps, authorization: string | null, body: string, baseUrl: string) {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HttpError(400, "The upload metadata is not JSON");
  }
  const parsed = v.safeParse(MetadataSchema, json);
  if (!parsed.success) {
    const i = parsed.issues[0];
    throw new HttpError(400, `Invalid upload metadata: "${v.getDotPath(i) ?? "body"}": ${i.message}`);
  }
  const m = parsed.output;
  const project = await authorizeUpload(d.access, authorization, m);
  // The exact bytes: a client retrying after a lost reply sends the same ones and finds its part.
  const metadataHash = sha256(body);
  const secret = randomBytes(24).toString("base64url");
  const ciRunId = m.runPart?.runId ?? (m.ghData?.runId !== undefined ? String(m.ghData.runId) : null);
  const out = await d.storage.ingest({
    projectId: project.id,
    metadataHash,
    metadata: body,
    branch: branchOf(m),
    baseBranch: m.baseRef ?? null,
    commit: m.commitHash,
    mode: modeOf(m),
    event: m.event,
    machineKey: machineKey(m),
    machine: JSON.stringify(machineOf(m)),
    ciRunId,
    partKey: partKeyOf(m, metadataHash),
    profileMd5: m.profileMd5,
    encoding: m.profileEncoding ?? null,
    secretHash: sha256(secret),
  });
  return { status: "success", uploadUrl: `${baseUrl}/upload/${out.partId}/${secret}`, runId: out.runId, owner: project.owner, repository: project.repo };
}

/** PUT /upload/{part}/{secret}: the archive. A retried PUT of an archive already stored is a no-op. */
export async function receiveArchive(d: IngestDeps, partId: string, secret: string, contentMd5: string | null, body: ReadableStream<Uint8Array> | null) {
  const part = await d.storage.getPart(partId);
  if (!part || part.secretHash !== sha256(secret)) throw new HttpError(403, "This upload URL is not valid (expired or unknown)");
  if (contentMd5 && contentMd5 !== part.profileMd5) {
    throw new HttpError(400, `Content-MD5 "${contentMd5}" differs from the metadata's profileMd5 "${part.profileMd5}"`);
  }
  if (part.state !== "awaiting_archive") return { stored: false };
  // An empty archive arrives without a body stream; it still has to match the announced MD5.
  const stream = body ?? new Blob([]).stream();
  const stored = await d.blobs.put(part.blobKey, stream, part.profileMd5, d.maxArchiveBytes);
  await d.storage.archiveReceived(partId, stored.size);
  return { stored: true, size: stored.size };
}
