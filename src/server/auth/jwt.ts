/**
 * RS256 JWT verification with WebCrypto against a JWKS: signature, `iss`, `aud`, `exp`, `nbf`.
 * Pure apart from the key lookup, so it is tested with keys made in the test.
 *
 * @module
 */
import * as v from "valibot";

export class InvalidToken extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidToken";
  }
}

const HeaderSchema = v.object({ alg: v.string(), kid: v.optional(v.string()) });
const ClaimsSchema = v.looseObject({
  iss: v.string(),
  aud: v.union([v.string(), v.array(v.string())]),
  exp: v.number(),
  nbf: v.optional(v.number()),
  iat: v.optional(v.number()),
  repository: v.optional(v.string()),
  repository_owner: v.optional(v.string()),
  repository_visibility: v.optional(v.string()),
  ref: v.optional(v.string()),
  event_name: v.optional(v.string()),
});
export type OidcClaims = v.InferOutput<typeof ClaimsSchema>;

export interface Jwk {
  kty: string;
  kid?: string;
  n?: string;
  e?: string;
  alg?: string;
}

function part(text: string | undefined, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(text ?? "", "base64url").toString("utf8"));
  } catch {
    throw new InvalidToken(`the ${what} is not base64url JSON`);
  }
}

/** Clock skew tolerated on `exp`/`nbf`. */
const LEEWAY_S = 60;

export async function verifyJwt(
  token: string,
  keys: (kid: string | undefined) => Promise<Jwk | undefined>,
  expect: { issuer: string; audience: string; now?: number },
): Promise<OidcClaims> {
  const [h, p, s] = token.split(".");
  const header = v.safeParse(HeaderSchema, part(h, "header"));
  if (!header.success) throw new InvalidToken("the header has no algorithm");
  if (header.output.alg !== "RS256") throw new InvalidToken(`algorithm "${header.output.alg}" is not accepted (RS256 only)`);
  const jwk = await keys(header.output.kid);
  if (!jwk || jwk.kty !== "RSA" || !jwk.n || !jwk.e) throw new InvalidToken(`no RSA key "${header.output.kid ?? ""}" in the issuer's key set`);
  const key = await crypto.subtle.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", ext: true }, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
  const ok = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, Buffer.from(s ?? "", "base64url"), new TextEncoder().encode(`${h}.${p}`));
  if (!ok) throw new InvalidToken("the signature does not verify");
  const claims = v.safeParse(ClaimsSchema, part(p, "payload"));
  if (!claims.success) throw new InvalidToken(`claim "${v.getDotPath(claims.issues[0]) ?? "?"}" is missing or malformed`);
  const c = claims.output;
  const now = (expect.now ?? Date.now()) / 1000;
  if (c.iss !== expect.issuer) throw new InvalidToken(`issuer "${c.iss}" is not "${expect.issuer}"`);
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(expect.audience)) throw new InvalidToken(`audience is not "${expect.audience}"`);
  if (c.exp + LEEWAY_S < now) throw new InvalidToken("the token has expired");
  if (c.nbf !== undefined && c.nbf - LEEWAY_S > now) throw new InvalidToken("the token is not valid yet");
  return c;
}
