/**
 * STAND-IN for GitHub's OIDC issuer (token.actions.githubusercontent.com cannot be reached here):
 * a loopback server publishing a real RSA key set at `/.well-known/jwks` and answering the Actions
 * token request (`ACTIONS_ID_TOKEN_REQUEST_URL`) with a JWT signed by that key, as GitHub does.
 */
export interface Issuer {
  url: string;
  jwksUrl: string;
  requestUrl: string;
  sign(claims: Record<string, unknown>, opts?: { kid?: string; alg?: string }): Promise<string>;
  /** Claims the token request hands out (tests change them). */
  claims: Record<string, unknown>;
  stop(): void;
}

const b64 = (x: ArrayBuffer | Uint8Array | string) => Buffer.from(typeof x === "string" ? x : new Uint8Array(x)).toString("base64url");

export async function startIssuer(): Promise<Issuer> {
  const keys = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = { ...(await crypto.subtle.exportKey("jwk", keys.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const sign = async (claims: Record<string, unknown>, o: { kid?: string; alg?: string } = {}) => {
    const input = `${b64(JSON.stringify({ alg: o.alg ?? "RS256", typ: "JWT", kid: o.kid ?? "test-key" }))}.${b64(JSON.stringify(claims))}`;
    const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", keys.privateKey, new TextEncoder().encode(input));
    return `${input}.${b64(sig)}`;
  };
  const issuer: Issuer = { url: "", jwksUrl: "", requestUrl: "", sign, claims: {}, stop: () => server.stop(true) };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      const u = new URL(req.url);
      if (u.pathname === "/.well-known/jwks") return Response.json({ keys: [jwk] });
      if (u.pathname === "/token") {
        const now = Math.floor(Date.now() / 1000);
        return Response.json({ value: await sign({ iss: issuer.url, aud: u.searchParams.get("audience"), iat: now, exp: now + 300, ...issuer.claims }) });
      }
      return new Response("not found", { status: 404 });
    },
  });
  issuer.url = `http://127.0.0.1:${server.port}`;
  issuer.jwksUrl = `${issuer.url}/.well-known/jwks`;
  issuer.requestUrl = `${issuer.url}/token?api-version=2.0`;
  return issuer;
}
