/**
 * HTTP downloads of `pacer update`, with a timeout and pacer's error messages, and the
 * `SHA256SUMS` lookup (sha256sum's format: `<hex>  <name>`, or `<hex> *<name>` in binary mode).
 *
 * @module
 */
import { PacerError, errorMessage } from "../errors.ts";

const TIMEOUT_MS = 60_000;

export async function download(url: string, timeoutMs = TIMEOUT_MS): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new PacerError("E_IO", `Cannot download "${url}": ${errorMessage(err)}`, {
      hint: "Check the network connection, or pass --url <release base> for a mirror",
    });
  }
  if (!res.ok) {
    throw new PacerError("E_IO", `Cannot download "${url}": HTTP ${res.status}`, {
      hint: res.status === 404 ? "Check the version (pacer update --version X.Y.Z) and the release URL" : "Try again later",
    });
  }
  return new Uint8Array(await res.arrayBuffer());
}

/** The checksum `SHA256SUMS` gives `asset`, or undefined. */
export function checksumFor(sums: string, asset: string): string | undefined {
  for (const line of sums.split("\n")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (m && m[2] === asset) return m[1];
  }
  return undefined;
}
