import { describe, expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { serverSettings } from "./settings.ts";

const cwd = "/";

describe("serverSettings", () => {
  test("the flag wins over the env, which wins over the config", () => {
    const env = { PACER_SERVER_URL: "http://env:1/", PACER_SERVER_PROJECT: "e/p" };
    expect(serverSettings({ flags: { server: "http://flag:2/", project: "f/p" }, configUrl: "http://cfg:3", env, cwd })).toMatchObject({ url: "http://flag:2", owner: "f", repo: "p" });
    expect(serverSettings({ flags: {}, configUrl: "http://cfg:3", env, cwd })).toMatchObject({ url: "http://env:1", owner: "e", repo: "p" });
    expect(serverSettings({ flags: {}, configUrl: "http://cfg:3", env: { GITHUB_REPOSITORY: "gh/repo" }, cwd })).toMatchObject({ url: "http://cfg:3", owner: "gh", repo: "repo" });
  });

  test("the token comes from --token or PACER_SERVER_TOKEN only", () => {
    const s = serverSettings({ flags: { server: "http://h:1", project: "a/b" }, env: { PACER_SERVER_TOKEN: "tok-env" }, cwd });
    expect(s.token).toBe("tok-env");
    expect(serverSettings({ flags: { server: "http://h:1", project: "a/b", token: "tok-flag" }, env: { PACER_SERVER_TOKEN: "tok-env" }, cwd }).token).toBe("tok-flag");
  });

  test("a bad URL or project is a usage error naming it", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as PacerError;
      }
      throw new Error("expected an error");
    };
    const a = err(() => serverSettings({ flags: { server: "ftp://x", project: "a/b" }, env: {}, cwd }));
    expect([a.code, a.message]).toEqual(["E_USAGE", `Invalid server URL "ftp://x": expected http:// or https://`]);
    const b = err(() => serverSettings({ flags: { server: "http://x", project: "nope" }, env: {}, cwd }));
    expect(b.message).toBe(`Invalid project "nope" (--project): expected OWNER/REPO`);
    const c = err(() => serverSettings({ flags: {}, env: {}, cwd }));
    expect(c.message).toBe("No results server given: pass --server URL");
  });
});
