/**
 * action.yml and install.sh, run for real: the action's steps are taken from action.yml, their
 * `${{ }}` expressions filled in as the Actions runner would, and executed with bash one after the
 * other (GITHUB_PATH carried over), against a release directory served on loopback.
 *
 * The served "release binary" is a small script recording its argv and environment: what is under
 * test is the download, the checksum check and the command line the action builds, not pacer itself.
 * When dist/pacer has been built, install.sh is also run against it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanupTempDirs, tempDir } from "./_profile.ts";

const ROOT = join(import.meta.dir, "../..");
const ARCH = process.arch === "arm64" ? "arm64" : "x64";
const ASSET = `pacer-linux-${ARCH}`;
const STUB = `#!/usr/bin/env bash
printf '%s\\0' "$@" > "$PACER_STUB_OUT/argv"
printf 'CODSPEED_TOKEN=%s\\nGH_MATRIX=%s\\nGH_STRATEGY=%s\\n' "\${CODSPEED_TOKEN:-}" "$GH_MATRIX" "$GH_STRATEGY" > "$PACER_STUB_OUT/env"
`;

let releases: string;
let server: ReturnType<typeof Bun.serve>;
let baseUrl: string;

/** A release layout like GitHub's: <base>/download/v<version>/<asset> and <base>/latest/download/<asset>. */
function publish(dir: string, files: Record<string, string | Buffer>, sums?: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const lines = Object.entries(files).map(([n, c]) => `${createHash("sha256").update(c).digest("hex")}  ${n}`);
  writeFileSync(join(dir, "SHA256SUMS"), sums ?? lines.join("\n") + "\n");
}

beforeAll(() => {
  releases = tempDir("pacer-releases-");
  publish(join(releases, "download/v1.2.3"), { [ASSET]: STUB });
  publish(join(releases, "latest/download"), { [ASSET]: STUB });
  publish(join(releases, "download/v6.6.6"), { [ASSET]: STUB }, `${"0".repeat(64)}  ${ASSET}\n`);
  publish(join(releases, "download/v7.7.7"), { [ASSET]: STUB }, `${"0".repeat(64)}  pacer-linux-other\n`);
  const dist = join(ROOT, "dist/pacer");
  if (existsSync(dist)) publish(join(releases, "download/v9.9.9"), { [ASSET]: readFileSync(dist) });
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = join(releases, decodeURIComponent(new URL(req.url).pathname));
      return existsSync(path) ? new Response(Bun.file(path)) : new Response("not found", { status: 404 });
    },
  });
  baseUrl = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
  server.stop(true);
  cleanupTempDirs();
});

// The action's composite steps are run for real by test/ci/workflows.test.ts (the README's workflows)
// and test/ci/action-inputs.test.ts (each input accepted or refused); this file keeps install.sh.

describe("install.sh", () => {
  async function install(args: string[], env: Record<string, string> = {}) {
    const proc = Bun.spawn(["bash", join(ROOT, "install.sh"), ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: tempDir("pacer-home-"), PACER_DOWNLOAD_URL: baseUrl, ...env },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [o, e, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { code, log: o + e };
  }

  test("refuses a release whose SHA256SUMS has no entry for this platform", async () => {
    const dir = tempDir("pacer-install-");
    const res = await install(["--version", "7.7.7", "--install-dir", dir]);
    expect(res.code).toBe(1);
    expect(res.log).toContain(`SHA256SUMS has no entry for "${ASSET}"`);
    expect(existsSync(join(dir, "pacer"))).toBe(false);
  });

  test("reports a missing release with its URL", async () => {
    const res = await install(["--version", "0.0.1", "--install-dir", tempDir("pacer-install-")]);
    expect(res.code).toBe(1);
    expect(res.log).toContain(`cannot download "${baseUrl}/download/v0.0.1/${ASSET}"`);
  });

  test("rejects a malformed version", async () => {
    const res = await install(["--version", "1.2", "--install-dir", tempDir("pacer-install-")]);
    expect(res.log).toContain('invalid version "1.2"');
  });

  test.skipIf(!existsSync(join(ROOT, "dist/pacer")))("installs the real dist/pacer, which then runs (needs `npm run build`)", async () => {
    const dir = tempDir("pacer-install-");
    const res = await install(["--version", "9.9.9", "--install-dir", dir]);
    expect(res.code).toBe(0);
    chmodSync(join(dir, "pacer"), 0o755);
    const v = Bun.spawnSync([join(dir, "pacer"), "--version"]);
    expect(v.stdout.toString()).toMatch(/^pacer \d+\.\d+\.\d+/);
  });
});
