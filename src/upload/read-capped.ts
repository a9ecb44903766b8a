/**
 * Reads a reply body with a byte limit: a hostile or broken server cannot make pacer buffer more
 * than the limit (a 400 MB reply is refused after its first MiB, not held whole).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { Attempt } from "./watchdog.ts";

/** Replies pacer reads are small JSON documents; 1 MiB is far above any of them. */
export const REPLY_LIMIT = 2 ** 20;

export async function readCapped(res: Response, limit: number, url: string, attempt?: Attempt): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const declared = Number(res.headers.get("content-length"));
  const tooLarge = () =>
    new PacerError("E_UPLOAD", `The reply of "${url}" is larger than ${limit} bytes: refused (HTTP ${res.status})`, {
      hint: "Check that the URL points to a CodSpeed-compatible API",
    });
  if (Number.isFinite(declared) && declared > limit) {
    await res.body.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    attempt?.touch(value.length);
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
