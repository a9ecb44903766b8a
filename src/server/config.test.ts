import { describe, expect, test } from "bun:test";
import { redactUrl, resolveConfig } from "./config.ts";

describe("resolveConfig", () => {
  test("SQLite and archives default to the data dir", () => {
    const c = resolveConfig({ "data-dir": "/srv/pacer" }, {});
    expect(c).toMatchObject({ hostname: "127.0.0.1", port: 8080, database: "sqlite:///srv/pacer/pacer.db", blobs: "file:///srv/pacer/blobs", defaultBranch: "main", workers: 1 });
    expect(c.oidc).toBeUndefined();
  });

  test("flags win over PACER_SERVE_* which win over defaults", () => {
    const env = { PACER_SERVE_LISTEN: "0.0.0.0:9000", PACER_SERVE_DATABASE: "postgres://u@db/pacer", PACER_SERVE_BLOBS: "s3://bucket/p" };
    expect(resolveConfig({}, env)).toMatchObject({ hostname: "0.0.0.0", port: 9000, database: "postgres://u@db/pacer", blobs: "s3://bucket/p" });
    expect(resolveConfig({ listen: "[::1]:0", database: "/tmp/x.db", blobs: "/tmp/b" }, env)).toMatchObject({ hostname: "::1", port: 0, database: "sqlite:///tmp/x.db", blobs: "file:///tmp/b" });
  });

  test("OIDC on: GitHub's issuer and the codspeed.io audience unless configured", () => {
    expect(resolveConfig({}, { PACER_SERVE_OIDC: "github" }).oidc).toEqual({
      issuer: "https://token.actions.githubusercontent.com",
      jwksUrl: "https://token.actions.githubusercontent.com/.well-known/jwks",
      audience: "codspeed.io",
    });
  });

  test("bad values are usage errors naming the flag", () => {
    expect(() => resolveConfig({ listen: "8080" }, {})).toThrow(/Invalid --listen "8080": expected HOST:PORT/);
    expect(() => resolveConfig({ database: "mysql://root:pw@h/db" }, {})).toThrow(/Unsupported --database "mysql:\/\/root:\*\*\*@h\/db"/);
    expect(() => resolveConfig({ workers: "two" }, {})).toThrow(/Invalid --workers "two"/);
  });

  test("redactUrl hides a database password", () => {
    expect(redactUrl("postgres://pacer:s3cret@db:5432/pacer")).toBe("postgres://pacer:***@db:5432/pacer");
  });
});
