/** `pacer auth login` / `pacer auth status` through the real CLI against the loopback API. */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";
import { cleanupTempDirs, tempDir } from "./_profile.ts";

const TOKEN = "cs-login-token-9876543210";
const CLI = join(import.meta.dir, "../../src/cli.ts");

let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN, loginAfterPolls: 3 });
});
afterAll(() => server.close());
afterEach(() => {
  server.reset();
  cleanupTempDirs();
});

async function pacer(args: string[], env: Record<string, string>, stdin?: string) {
  const proc = Bun.spawn([process.execPath, CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code, all: stdout + stderr };
}

function isolatedEnv() {
  const home = tempDir("pacer-home-");
  return { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), PACER_LOGIN_POLL_MS: "10" };
}

describe("pacer auth", () => {
  test("login polls the session until the token arrives, stores it 0600 and never prints it", async () => {
    const env = isolatedEnv();
    const login = await pacer(["auth", "login", "--no-browser", "--api-url", server.apiUrl], env);
    expect(login.code).toBe(0);
    expect(login.all).toContain(`Authentication URL: ${server.url}/login/s1`);
    expect(login.all).toContain("Login successful");
    expect(login.all).not.toContain(TOKEN);
    const path = join(env.XDG_CONFIG_HOME, "pacer", "config.yaml");
    expect(readFileSync(path, "utf8")).toBe(`auth:\n  token: ${TOKEN}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_CONFIG_HOME, "pacer")).mode & 0o777).toBe(0o700);
    expect(server.requests.filter((r) => r.route === "graphql")).toHaveLength(4);

    const status = await pacer(["auth", "status"], env);
    expect(status.code).toBe(0);
    expect(status.all).toContain("Logged in");
    expect(status.all).not.toContain(TOKEN);
  });

  test("login --with-token reads the token from stdin", async () => {
    const env = isolatedEnv();
    const res = await pacer(["auth", "login", "--with-token"], env, `${TOKEN}\n`);
    expect(res.code).toBe(0);
    expect(readFileSync(join(env.XDG_CONFIG_HOME, "pacer", "config.yaml"), "utf8")).toContain(TOKEN);
    expect(res.all).not.toContain(TOKEN);
  });

  test("status without a login exits 1 and says how to log in", async () => {
    const res = await pacer(["auth", "status"], isolatedEnv());
    expect(res.code).toBe(1);
    expect(res.all).toContain("pacer auth login");
  });
});
