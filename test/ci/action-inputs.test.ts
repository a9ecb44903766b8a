/**
 * The action's input checks (action/resolve-inputs.sh) and install.sh's checksum rules, run for real
 * with bash; install.sh downloads from a loopback mirror of a hand-made release folder.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/pacer.ts";

const root = mkdtempSync(join(tmpdir(), "pacer-action-inputs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const action = join(root, "action");
cpSync(join(ROOT, "action"), action, { recursive: true });
const pinned = readFileSync(join(action, "version.txt"), "utf8").trim();

function resolveInputs(inputs: Record<string, string>) {
  const out = join(root, `out-${Math.random()}`);
  writeFileSync(out, "");
  const env = Object.fromEntries(Object.entries({ mode: "simulation", ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, "_")}`, v]));
  const p = Bun.spawnSync(["bash", join(action, "resolve-inputs.sh")], { env: { PATH: process.env.PATH!, GITHUB_OUTPUT: out, ...env }, stdout: "pipe", stderr: "pipe" });
  return { code: p.exitCode, log: p.stdout.toString() + p.stderr.toString(), version: /version=(.*)/.exec(readFileSync(out, "utf8"))?.[1] };
}

describe("CodSpeed inputs", () => {
  test.each([["cache-instruments", "false"], ["cache-instruments", "true"], ["instruments-cache-dir", "/tmp/x"], ["skip-hash-check-warning", "true"], ["cycle-estimation", "false"], ["exclude-allocations", "false"], ["cycle-estimation", "true"], ["exclude-allocations", "true"], ["cycle-estimation", ""]])("%s: %s is accepted", (k, v) => {
    const r = resolveInputs({ [k]: v });
    expect(r.code, r.log).toBe(0);
    expect(r.version).toBe(pinned);
  });
  test.each([["instruments", "mongodb"], ["go-runner-version", "1.2.3"], ["cycle-estimation", "yes please"], ["exclude-allocations", "maybe"], ["cache-instruments", "maybe"], ["mode", ""]])("%s: %s is refused with ::error", (k, v) => {
    const r = resolveInputs({ [k]: v });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`::error title=Unsupported input '${k}'::`);
  });
  test.each(["4.x", "v4.3.0", "4"])("runner-version %s (CodSpeed's numbering) installs the pinned pacer, with a warning", (v) => {
    const r = resolveInputs({ "runner-version": v });
    expect(r.code, r.log).toBe(0);
    expect(r.version).toBe(pinned);
    expect(r.log).toContain(`::warning title=runner-version::"${v}" is a CodSpeed runner version, not a pacer version: installing pacer ${pinned}`);
  });
  test("a pacer version and latest are taken as given", () => {
    expect(resolveInputs({ "runner-version": "v0.0.9" }).version).toBe("0.0.9");
    expect(resolveInputs({ "runner-version": "latest" }).version).toBe("latest");
  });
});

describe("install.sh checksums", () => {
  const rel = join(root, "release");
  let server: Bun.Subprocess<"ignore", "pipe", "inherit"> | undefined;
  let url = "";
  const binary = "#!/bin/sh\necho pacer 0.1.0\n";
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  beforeAll(async () => {
    mkdirSync(rel);
    writeFileSync(join(rel, "pacer-linux-x64"), binary);
    writeFileSync(join(rel, "SHA256SUMS"), `${sha(binary)}  pacer-linux-x64\n`);
    server = Bun.spawn([process.execPath, join(import.meta.dir, "mirror-server.ts"), rel], { stdin: "ignore", stdout: "pipe", stderr: "inherit" });
    url = `http://127.0.0.1:${new TextDecoder().decode((await server.stdout.getReader().read()).value).trim()}`;
  });
  afterAll(() => {
    server?.kill();
    rmSync(root, { recursive: true, force: true });
  });
  function install(version: string, sums: string) {
    const file = join(root, "checksums.txt");
    writeFileSync(file, sums);
    const dir = mkdtempSync(join(root, "bin-"));
    const p = Bun.spawnSync(["bash", join(ROOT, "install.sh"), "--version", version, "--install-dir", dir, "--download-url", url, "--checksums", file], { stdout: "pipe", stderr: "pipe" });
    return { code: p.exitCode, log: p.stdout.toString() + p.stderr.toString(), dir };
  }
  test("a download matching the embedded checksum is installed", () => {
    const r = install("0.1.0", `0.1.0 pacer-linux-x64 ${sha(binary)}\n`);
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain("verified against the checksum embedded in the action for 0.1.0");
    expect(readFileSync(join(r.dir, "pacer"), "utf8")).toBe(binary);
  });
  test("a download differing from the embedded checksum is refused, even when SHA256SUMS agrees with it", () => {
    const r = install("0.1.0", `0.1.0 pacer-linux-x64 ${"0".repeat(64)}\n`);
    expect(r.code).toBe(1);
    expect(r.log).toContain(`checksum mismatch for "pacer-linux-x64" 0.1.0: the checksum embedded in the action is ${"0".repeat(64)}`);
    expect(Bun.file(join(r.dir, "pacer")).size).toBe(0);
  });
  test("a version without an embedded checksum falls back to SHA256SUMS and says it only catches corruption", () => {
    const r = install("0.0.9", "");
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain("catches a corrupt download but not a tampered release");
  });
  test("on macOS (uname -s Darwin, -m arm64) the darwin asset is installed", () => {
    // A stand-in `uname` playing a Mac: this machine is Linux.
    const fake = join(root, "fake-mac");
    mkdirSync(fake, { recursive: true });
    writeFileSync(join(fake, "uname"), '#!/bin/sh\ncase "$1" in -s) echo Darwin ;; -m) echo arm64 ;; esac\n');
    chmodSync(join(fake, "uname"), 0o755);
    const mac = "#!/bin/sh\necho pacer 0.1.0 darwin\n";
    writeFileSync(join(rel, "pacer-darwin-arm64"), mac);
    const file = join(root, "checksums-mac.txt");
    writeFileSync(file, `0.1.0 pacer-darwin-arm64 ${sha(mac)}\n`);
    const dir = mkdtempSync(join(root, "bin-mac-"));
    const p = Bun.spawnSync(["bash", join(ROOT, "install.sh"), "--version", "0.1.0", "--install-dir", dir, "--download-url", url, "--checksums", file], {
      env: { ...process.env, PATH: `${fake}:${process.env.PATH}` },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(p.exitCode, p.stderr.toString()).toBe(0);
    expect(p.stderr.toString()).toContain("downloading pacer-darwin-arm64 (0.1.0)");
    expect(readFileSync(join(dir, "pacer"), "utf8")).toBe(mac);
  });
  test("a corrupt download is refused against SHA256SUMS", () => {
    writeFileSync(join(rel, "SHA256SUMS"), `${"1".repeat(64)}  pacer-linux-x64\n`);
    const r = install("0.0.9", "");
    writeFileSync(join(rel, "SHA256SUMS"), `${sha(binary)}  pacer-linux-x64\n`);
    expect(r.code).toBe(1);
    expect(r.log).toContain("Refusing to install a corrupt download");
  });
});

test("the action passes tokens through the environment and never echoes them", () => {
  const bin = join(root, "fake-bin");
  mkdirSync(bin, { recursive: true });
  // A stand-in `pacer` that records its argv and whether the token reached it by the environment.
  writeFileSync(join(bin, "pacer"), '#!/bin/sh\necho "argv: $*"\n[ "$CODSPEED_TOKEN" = s3cr3t-token ] && echo "token via env"\nexit 0\n');
  chmodSync(join(bin, "pacer"), 0o755);
  const p = Bun.spawnSync(["bash", join(ROOT, "action/run.sh")], { env: { PATH: `${bin}:${process.env.PATH}`, INPUT_MODE: "simulation", INPUT_SERVER_URL: "http://127.0.0.1:1", INPUT_SERVER_TOKEN: "s3cr3t-token" }, stdout: "pipe", stderr: "pipe" });
  const log = p.stdout.toString() + p.stderr.toString();
  expect(p.exitCode).toBe(0);
  expect(log).toContain("token via env");
  expect(log).toContain("--upload-url=http://127.0.0.1:1/upload --api-url=http://127.0.0.1:1/graphql");
  expect(log).not.toContain("s3cr3t-token");
});

test("cycle-estimation and exclude-allocations reach pacer run as its flags; empty inputs add nothing", () => {
  const bin = join(root, "argv-bin");
  mkdirSync(bin, { recursive: true });
  // A stand-in `pacer` that prints its argv (the real binary's handling is test/simulation/run5-flags.test.ts).
  writeFileSync(join(bin, "pacer"), '#!/bin/sh\necho "argv: $*"\n');
  chmodSync(join(bin, "pacer"), 0o755);
  const run = (extra: Record<string, string>) =>
    Bun.spawnSync(["bash", join(ROOT, "action/run.sh")], { env: { PATH: `${bin}:${process.env.PATH}`, INPUT_MODE: "simulation", ...extra }, stdout: "pipe" }).stdout.toString();
  expect(run({ INPUT_CYCLE_ESTIMATION: "false", INPUT_EXCLUDE_ALLOCATIONS: "true", INPUT_RUN: "make bench" })).toContain(
    "argv: run --mode=simulation --cycle-estimation=false --exclude-allocations=true -- make bench",
  );
  expect(run({ INPUT_CYCLE_ESTIMATION: "", INPUT_EXCLUDE_ALLOCATIONS: "" })).toBe("argv: run --mode=simulation\n");
});
