/**
 * `pacer update` on a copy of the built binary, against a real loopback HTTP server (Bun.serve)
 * serving a release folder made here — a stand-in for GitHub releases, which this machine cannot
 * reach — laid out as <base>/download/v<X>/<asset> + SHA256SUMS and <base>/latest/download/version.txt.
 * The "new" binary is the built binary itself (it prints 0.1.0): a replacement shows as a new inode
 * with the served bytes; an untouched binary keeps its inode and bytes.
 */
import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary } from "../helpers/pacer.ts";
import { VERSION } from "../../src/version.ts";

const root = mkdtempSync(join(tmpdir(), "pacer-update-"));
const rel = join(root, "release");
const bin = join(root, "bin");
const installed = join(bin, "pacer");
const asset = `pacer-${process.platform}-${process.arch}`;
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

function release(version: string, opts: { badSum?: boolean } = {}): void {
  const dir = join(rel, "download", `v${version}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(BINARY, join(dir, asset));
  const sum = opts.badSum ? sha("not the binary") : sha(readFileSync(BINARY));
  writeFileSync(join(dir, "SHA256SUMS"), `${sum}  ${asset}\n${sha("x")}  install.sh\n`);
}
function latest(version: string): void {
  mkdirSync(join(rel, "latest", "download"), { recursive: true });
  writeFileSync(join(rel, "latest", "download", "version.txt"), `${version}\n`);
}

const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(req) {
    const path = decodeURIComponent(new URL(req.url).pathname);
    if (path.includes("..")) return new Response("no", { status: 400 });
    const file = Bun.file(join(rel, path));
    return file.exists().then((ok) => (ok ? new Response(file) : new Response("not found", { status: 404 })));
  },
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(() => {
  server.stop(true);
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  rmSync(bin, { recursive: true, force: true });
  mkdirSync(bin);
  if (hasBinary()) copyFileSync(BINARY, installed);
});

async function update(args: string[]) {
  // Async spawn: the server runs in this process and must keep answering.
  const p = Bun.spawn([installed, "update", "--url", base, ...args], { stdout: "pipe", stderr: "pipe", env: { ...process.env, PACER_DOWNLOAD_URL: "" } });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, out, err };
}
const inode = () => statSync(installed).ino;

describe.skipIf(!hasBinary())("pacer update (copy of the built binary, loopback release server)", () => {
  test("latest newer release: downloaded, verified, swapped in atomically, says from → to", async () => {
    release("0.2.0");
    latest("0.2.0");
    const before = inode();
    const r = await update(["--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ schema: "pacer.update/1", from: VERSION, to: "0.2.0", updated: true, path: installed });
    expect(inode()).not.toBe(before);
    expect(sha(readFileSync(installed))).toBe(sha(readFileSync(join(rel, "download/v0.2.0", asset))));
    expect(statSync(installed).mode & 0o111).not.toBe(0);
    expect(readdirSync(bin)).toEqual(["pacer"]);
    const text = await update(["--version", "0.2.0"]);
    expect(text.err).toContain(`Updated pacer ${VERSION} → 0.2.0 ("${installed}", sha256 `);
    expect(Bun.spawnSync([installed, "--version"]).stdout.toString()).toBe(`pacer ${VERSION}\n`);
  }, 60_000);

  test("bad checksum: refused, the binary untouched, no temp file left", async () => {
    release("0.3.0", { badSum: true });
    const before = inode();
    const r = await update(["--version", "0.3.0"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Checksum mismatch for "${base}/download/v0.3.0/${asset}": SHA256SUMS says ${sha("not the binary")}`);
    expect(r.err).toContain(`"${installed}" is unchanged`);
    expect(inode()).toBe(before);
    expect(sha(readFileSync(installed))).toBe(sha(readFileSync(BINARY)));
    expect(readdirSync(bin)).toEqual(["pacer"]);
  }, 60_000);

  test("a downgrade is refused unless --allow-downgrade", async () => {
    release("0.0.5");
    latest("0.0.5");
    const before = inode();
    const refused = await update([]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`Refusing to downgrade pacer from ${VERSION} to 0.0.5`);
    expect(refused.err).toContain("--allow-downgrade");
    expect(inode()).toBe(before);
    const allowed = await update(["--allow-downgrade"]);
    expect(allowed.code, allowed.err).toBe(0);
    expect(allowed.err).toContain(`Updated pacer ${VERSION} → 0.0.5`);
    expect(inode()).not.toBe(before);
  }, 60_000);

  test("the same version: nothing to do", async () => {
    const r = await update(["--version", `v${VERSION}`]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`pacer ${VERSION} is already installed`);
  });

  test("network failure and a missing version: one clear line each, binary untouched", async () => {
    const before = inode();
    const p = Bun.spawn([installed, "update", "--url", "http://127.0.0.1:1"], { stdout: "pipe", stderr: "pipe" });
    const err = await new Response(p.stderr).text();
    expect(await p.exited).toBe(1);
    expect(err).toContain('Cannot download "http://127.0.0.1:1/latest/download/version.txt": ');
    expect(err).toContain("hint: Check the network connection");
    expect(err).not.toContain("Unexpected error");
    const missing = await update(["--version", "9.9.9"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`Cannot download "${base}/download/v9.9.9/SHA256SUMS": HTTP 404`);
    expect(inode()).toBe(before);
  }, 60_000);

  test("a downloaded file that does not run here is not swapped in", async () => {
    const dir = join(rel, "download", "v0.4.0");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, asset), "not an executable\n");
    writeFileSync(join(dir, "SHA256SUMS"), `${sha("not an executable\n")}  ${asset}\n`);
    const before = inode();
    const r = await update(["--version", "0.4.0"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Cannot replace "${installed}": the downloaded binary does not run here`);
    expect(inode()).toBe(before);
    expect(readdirSync(bin)).toEqual(["pacer"]);
  }, 60_000);
});
