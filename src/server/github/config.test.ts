import { describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeGitHub, resolveConfig } from "../config.ts";

describe("GitHub feedback settings", () => {
  test("nothing configured: no feedback", () => {
    expect(resolveConfig({}, {}).github).toBeUndefined();
    expect(describeGitHub(undefined)).toBe("no pull-request feedback");
  });

  test("a token from the environment, GitHub Enterprise's API URL without its trailing slash; the description hides the token", () => {
    const c = resolveConfig({}, { PACER_SERVE_GITHUB_TOKEN: "ghp_secret", PACER_SERVE_GITHUB_API_URL: "https://ghe.example/api/v3/" });
    expect(c.github).toEqual({ apiUrl: "https://ghe.example/api/v3", token: "ghp_secret" });
    expect(describeGitHub(c.github)).not.toContain("ghp_secret");
  });

  test("an app needs its id and a readable PEM key; a token and an app together are refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-ghcfg-"));
    try {
      const pem = join(dir, "app.pem");
      writeFileSync(pem, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }));
      expect(resolveConfig({ "github-app-id": "12", "github-app-private-key-file": pem }, {}).github?.app?.id).toBe("12");
      expect(() => resolveConfig({ "github-app-id": "12" }, {})).toThrow(/--github-app-private-key-file is missing/);
      expect(() => resolveConfig({ "github-app-id": "12", "github-app-private-key-file": join(dir, "nope.pem") }, {})).toThrow(/Cannot read --github-app-private-key-file ".*nope.pem": ENOENT/);
      writeFileSync(join(dir, "bad.pem"), "not a key");
      expect(() => resolveConfig({ "github-app-id": "12", "github-app-private-key-file": join(dir, "bad.pem") }, {})).toThrow(/holds no PEM private key/);
      expect(() => resolveConfig({ "github-token": "t", "github-app-id": "12" }, {})).toThrow(/Both --github-token and a GitHub App/);
      expect(() => resolveConfig({ "github-api-url": "api.github.com", "github-token": "t" }, {})).toThrow(/Invalid --github-api-url "api.github.com"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
