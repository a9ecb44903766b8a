/**
 * How a browser proves it may read a private project: `Authorization` as the API takes it, or
 * the `pacer_token` cookie. A `?token=` in a page address is taken once: the reply sets the
 * cookie (HttpOnly, SameSite=Strict) and redirects to the address without it, so the token
 * leaves the address bar and history and is never written into a page.
 *
 * @module
 */

export const COOKIE = "pacer_token";

export function credentialOf(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (header) return header;
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === COOKIE && v.length) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The redirect that trades `?token=` for the cookie, or undefined when the address has none. */
export function tokenRedirect(req: Request): Response | undefined {
  const url = new URL(req.url);
  const token = url.searchParams.get("token");
  if (token === null) return undefined;
  url.searchParams.delete("token");
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      location: url.pathname + url.search,
      "set-cookie": `${COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure}`,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
