import { describe, expect, test } from "bun:test";
import { retryCommand, retryHint } from "./hints.ts";

describe("retryCommand()", () => {
  test("reproduces the servers and quotes every value for bash", () => {
    const cmd = retryCommand("/tmp/a b/it's", { uploadUrl: "http://127.0.0.1:9/up?x=1&y=2", apiUrl: "http://127.0.0.1:9/gql", executor: "walltime", allowEmpty: true });
    expect(cmd).toBe(`pacer upload --profile-folder '/tmp/a b/it'"'"'s' --upload-url 'http://127.0.0.1:9/up?x=1&y=2' --api-url http://127.0.0.1:9/gql --executor walltime --allow-empty`);
    // bash hands each value back intact.
    const echoed = Bun.spawnSync(["bash", "-c", `printf '%s\\n' ${cmd.slice("pacer upload ".length)}`]).stdout.toString().trim().split("\n");
    expect(echoed).toEqual(["--profile-folder", "/tmp/a b/it's", "--upload-url", "http://127.0.0.1:9/up?x=1&y=2", "--api-url", "http://127.0.0.1:9/gql", "--executor", "walltime", "--allow-empty"]);
  });

  test("a token from --token is asked for by name, never by value", () => {
    expect(retryCommand("/p", { tokenFrom: "flag" })).toBe(`pacer upload --profile-folder /p --token "$CODSPEED_TOKEN"`);
    expect(retryCommand("/p", { tokenFrom: "env" })).toBe("pacer upload --profile-folder /p");
    expect(retryHint("/p", { tokenFrom: "flag" })).toContain("with CODSPEED_TOKEN set to the token given to --token");
  });
});
