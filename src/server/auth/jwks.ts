/**
 * The issuer's signing keys, fetched from its JWKS URL and cached for ten minutes; an unknown
 * `kid` refetches at most once a minute (keys rotate; a flood of bad tokens must not become a
 * flood of requests to the issuer).
 *
 * @module
 */
import * as v from "valibot";
import type { Jwk } from "./jwt.ts";

const JwksSchema = v.object({ keys: v.array(v.looseObject({ kty: v.string(), kid: v.optional(v.string()), n: v.optional(v.string()), e: v.optional(v.string()), alg: v.optional(v.string()) })) });

export function jwksCache(url: string, ttlMs = 10 * 60_000, refetchMs = 60_000): (kid: string | undefined) => Promise<Jwk | undefined> {
  let keys: Jwk[] = [];
  let fetchedAt = 0;
  const load = async () => {
    const res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000), redirect: "error" });
    if (!res.ok) throw new Error(`JWKS "${url}" answered HTTP ${res.status}`);
    keys = v.parse(JwksSchema, await res.json()).keys;
    fetchedAt = Date.now();
  };
  return async (kid) => {
    const age = Date.now() - fetchedAt;
    if (age > ttlMs) await load();
    let key = keys.find((k) => kid === undefined || k.kid === kid);
    if (!key && age > refetchMs) {
      await load();
      key = keys.find((k) => kid === undefined || k.kid === kid);
    }
    return key;
  };
}
