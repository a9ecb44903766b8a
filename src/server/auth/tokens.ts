/**
 * Upload and admin tokens: 32 random bytes shown once, stored as their sha256 (a token has full
 * entropy, so a plain hash is enough; no salt or slow hash needed), compared by hash lookup.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";

/** `pacer_<43 base64url chars>`: the prefix tells a leaked token's origin to secret scanners. */
export function newToken(): string {
  return `pacer_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The token of an `Authorization` header: raw (the CodSpeed runner's form) or `Bearer <token>`. */
export function tokenFromHeader(header: string | null): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  return value.replace(/^(Bearer|token)\s+/i, "") || undefined;
}

/** Three base64url parts: a JWT (an OIDC token), not one of our tokens. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}
