import { describe, expect, test } from "bun:test";
import { createPublicKey, createVerify, generateKeyPairSync } from "node:crypto";
import { appJwt } from "./auth.ts";
import { originOf, wantsFeedback } from "./pull-request.ts";

describe("originOf", () => {
  test("the pull request number comes from refs/pull/N/merge", () => {
    const pr = originOf(JSON.stringify({ event: "pull_request", ref: "refs/pull/29/merge", headRef: "feat/x" }));
    expect(pr).toEqual({ event: "pull_request", pr: 29, provider: null });
    expect(wantsFeedback(pr)).toBe(true);
  });

  test("a push gets a check run only; a local run nothing", () => {
    expect(originOf(JSON.stringify({ event: "push", ref: "refs/heads/main", repositoryProvider: "GITHUB" }))).toEqual({ event: "push", pr: null, provider: "GITHUB" });
    expect(wantsFeedback(originOf(JSON.stringify({ event: "push", ref: "refs/heads/main" })))).toBe(true);
    expect(wantsFeedback(originOf(JSON.stringify({ event: "local", ref: "a".repeat(40) })))).toBe(false);
    expect(wantsFeedback(originOf(undefined))).toBe(false);
  });

  test("a GitLab merge request is not sent to GitHub", () => {
    expect(wantsFeedback(originOf(JSON.stringify({ event: "pull_request", ref: "refs/pull/3/merge", repositoryProvider: "GITLAB" })))).toBe(false);
  });
});

describe("appJwt", () => {
  test("an RS256 JWT the app's public key verifies, issued a minute back, under 10 minutes long", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const now = 1_700_000_000_000;
    const [h, p, s] = appJwt("99", privateKey.export({ type: "pkcs8", format: "pem" }).toString(), now).split(".");
    expect(JSON.parse(Buffer.from(h!, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT" });
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    expect(claims).toEqual({ iss: "99", iat: now / 1000 - 60, exp: now / 1000 + 480 });
    expect(createVerify("RSA-SHA256").update(`${h}.${p}`).verify(createPublicKey(privateKey), Buffer.from(s!, "base64url"))).toBe(true);
  });
});
