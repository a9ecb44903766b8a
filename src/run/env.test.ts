import { describe, expect, test } from "bun:test";
import { inheritedEnv } from "./env.ts";

describe("inheritedEnv", () => {
  const env = { PATH: "/bin", CODSPEED_TOKEN: "t0ken-value", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "r", ACTIONS_ID_TOKEN_REQUEST_URL: "u", CODSPEED_OAUTH_TOKEN: "o" };

  test("leaves pacer's credentials out of the benchmark's environment", () => {
    expect(inheritedEnv(env)).toEqual({ PATH: "/bin" });
  });

  test("PACER_PASS_TOKEN=1 hands them over", () => {
    expect(inheritedEnv({ ...env, PACER_PASS_TOKEN: "1" })).toEqual({ ...env, PACER_PASS_TOKEN: "1" });
  });
});
