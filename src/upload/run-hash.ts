/** The tokenless run hash (§5.6 of the reference). @module */
import { createHash } from "node:crypto";
import type { UploadMetadata } from "./metadata.ts";

/**
 * Lowercase hex SHA-256 of the compact JSON of the metadata, in wire field order. Printed in the CI
 * log of a tokenless upload so the backend can tie the upload to the public job that made it.
 *
 * @example
 * ```ts
 * logger.info(`CodSpeed Run Hash: "${runHash(metadata)}"`);
 * ```
 */
export function runHash(metadata: UploadMetadata): string {
  return createHash("sha256").update(JSON.stringify(metadata)).digest("hex");
}
