/**
 * Builds the release: linux x64 and arm64 binaries, darwin x64 and arm64 binaries (timings-only
 * walltime and exec: see src/system/linux-only.ts), `SHA256SUMS`, `install.sh`, `version.txt` (what
 * `pacer update` reads at `<base>/latest/download/version.txt`) and the plugin API's
 * types (`pacer-plugin.d.ts`), in one folder
 * that can be published as is (GitHub release assets, or a mirror for `PACER_DOWNLOAD_URL`).
 *
 * Usage: `bun scripts/release.ts [--out dist/release] [--arm64-zstd auto|native|bun] [--x64-only] [--no-darwin] [--action-dir action]`
 *
 * macOS: `bun build --compile --target=bun-darwin-{x64,arm64}` fetches the darwin Bun runtime from
 * the npm registry (@oven/bun-darwin-x64, @oven/bun-darwin-aarch64) on first use; they cannot run
 * here, so they are checked by format (Mach-O, CPU type) in test/release/darwin-binaries.test.ts.
 *
 * zstd on arm64: zstd-napi's binding is native, built per target. With `aarch64-linux-gnu-g++`
 * installed (Debian: `apt-get install g++-aarch64-linux-gnu`) the binding is cross-compiled with
 * node-gyp and handed to build.ts through `PACER_ZSTD_BINDING`; without it (or `--arm64-zstd bun`)
 * the arm64 binary uses Bun's built-in zstd. With qemu-user (`qemu-user-static`) the arm64 binary is
 * smoke-run and the backend it really uses is printed.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dir, "..");
const { values } = parseArgs({
  args: Bun.argv.slice(2),
  options: { out: { type: "string" }, "arm64-zstd": { type: "string" }, "x64-only": { type: "boolean" }, "no-darwin": { type: "boolean" }, "action-dir": { type: "string" } },
});
const OUT = resolve(values.out ?? join(ROOT, "dist/release"));
const ZSTD_MODE = values["arm64-zstd"] ?? "auto";

function fail(msg: string): never {
  console.error(`release: ${msg}`);
  process.exit(1);
}

function run(argv: string[], env: Record<string, string> = {}, cwd = ROOT): void {
  console.log(`release: $ ${argv.join(" ")}`);
  const p = Bun.spawnSync(argv, { cwd, env: { ...process.env, ...env }, stdout: "inherit", stderr: "inherit" });
  if (p.exitCode !== 0) fail(`"${argv.join(" ")}" exited with ${p.exitCode}`);
}

/** Cross-compiles zstd-napi's binding for aarch64; returns its path, or undefined when not possible. */
function crossBuildZstdBinding(): string | undefined {
  if (ZSTD_MODE === "bun") return undefined;
  const cxx = Bun.which("aarch64-linux-gnu-g++");
  if (!cxx) {
    if (ZSTD_MODE === "native") fail("--arm64-zstd native needs aarch64-linux-gnu-g++ (apt-get install g++-aarch64-linux-gnu)");
    console.warn("release: aarch64-linux-gnu-g++ not found: the arm64 binary falls back to Bun's built-in zstd");
    return undefined;
  }
  const src = join(ROOT, "node_modules/zstd-napi");
  const version = (JSON.parse(readFileSync(join(src, "package.json"), "utf8")) as { version: string }).version;
  const work = join(ROOT, "dist/.cache", `zstd-napi-${version}-arm64`);
  const binding = join(work, "build/Release/binding.node");
  if (existsSync(binding)) return binding;
  rmSync(work, { recursive: true, force: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
  const gyp = [Bun.which("node-gyp"), "/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"].find((p) => p && existsSync(p));
  if (!gyp) fail("node-gyp not found (it ships with npm)");
  const nodedir = existsSync("/usr/include/node/node.h") ? "/usr" : resolve(process.execPath, "../..");
  run(["node", gyp, "rebuild", "--arch=arm64", `--nodedir=${nodedir}`, "-j", "2"], {
    NODE_PATH: join(ROOT, "node_modules"),
    CC: "aarch64-linux-gnu-gcc",
    CXX: cxx,
    LINK: cxx,
    AR: "aarch64-linux-gnu-ar",
  }, work);
  return binding;
}

/** Runs the arm64 binary under qemu-user when available; returns the zstd backend it reports. */
function smokeArm64(binary: string): string {
  const qemu = Bun.which("qemu-aarch64-static") ?? Bun.which("qemu-aarch64");
  if (!qemu) return "not checked (install qemu-user-static to smoke-run the arm64 binary)";
  // The binary is dynamically linked against glibc: qemu needs the aarch64 loader and libc, which
  // Debian's cross toolchain (libc6-arm64-cross) installs under /usr/aarch64-linux-gnu.
  const env = { PATH: process.env.PATH ?? "", QEMU_LD_PREFIX: process.env.QEMU_LD_PREFIX ?? "/usr/aarch64-linux-gnu" };
  if (!existsSync(join(env.QEMU_LD_PREFIX, "lib/ld-linux-aarch64.so.1"))) {
    return `not checked (no aarch64 loader under ${env.QEMU_LD_PREFIX}: apt-get install libc6-arm64-cross)`;
  }
  const version = Bun.spawnSync([qemu, binary, "--version"], { env });
  if (version.exitCode !== 0) fail(`arm64 smoke run failed: ${version.stderr}`);
  const self = Bun.spawnSync([qemu, binary, "__selftest"], { env });
  if (self.exitCode !== 0) fail(`arm64 "__selftest" failed: ${self.stdout}${self.stderr}`);
  const report = JSON.parse(self.stdout.toString()) as { zstd: { backend: string } };
  return `${version.stdout.toString().trim()}, zstd backend "${report.zstd.backend}"`;
}

/**
 * Pins this version in the action: `action/version.txt` and its binaries' SHA-256 in
 * `action/checksums.txt` (older versions kept), which install.sh trusts over a downloaded SHA256SUMS.
 */
function embedChecksums(dir: string, version: string, digests: Map<string, string>): void {
  const path = join(dir, "checksums.txt");
  const kept = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith(`${version} `)) : ["# <version> <asset> <sha256>: written by scripts/release.ts, read by install.sh"];
  const mine = [...digests].filter(([name]) => name.startsWith("pacer-linux-")).map(([name, sha]) => `${version} ${name} ${sha}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, [...kept, ...mine].join("\n") + "\n");
  writeFileSync(join(dir, "version.txt"), version + "\n");
}

mkdirSync(OUT, { recursive: true });
// build.ts writes linked source maps next to the binary: build in a staging folder, publish the binaries.
const STAGE = join(ROOT, "dist/.release-build");
rmSync(STAGE, { recursive: true, force: true });
const x64 = join(OUT, "pacer-linux-x64");
const arm64 = join(OUT, "pacer-linux-arm64");
run([process.execPath, "build.ts", "--target", "bun-linux-x64", "--outfile", join(STAGE, "x64/pacer-linux-x64")]);
// --x64-only: a release folder for this machine alone (the CI workflow test), without the cross build.
const X64_ONLY = !!values["x64-only"];
const binding = X64_ONLY ? undefined : crossBuildZstdBinding();
if (!X64_ONLY) {
  run(
    [process.execPath, "build.ts", "--target", "bun-linux-arm64", "--outfile", join(STAGE, "arm64/pacer-linux-arm64")],
    binding ? { PACER_ZSTD_BINDING: binding } : {},
  );
}
copyFileSync(join(STAGE, "x64/pacer-linux-x64"), x64);
if (!X64_ONLY) copyFileSync(join(STAGE, "arm64/pacer-linux-arm64"), arm64);
// x64 last, so the Linux native builds left in plugins/*/build are the usual host's again.
const darwin = X64_ONLY || values["no-darwin"] ? [] : ["arm64", "x64"].map((a) => join(OUT, `pacer-darwin-${a}`));
for (const out of darwin) {
  const name = basename(out);
  run([process.execPath, "build.ts", "--target", `bun-${name.slice("pacer-".length)}`, "--outfile", join(STAGE, name, name)]);
  copyFileSync(join(STAGE, name, name), out);
}
const arm64Smoke = X64_ONLY ? "not built (--x64-only)" : smokeArm64(arm64);
copyFileSync(join(ROOT, "install.sh"), join(OUT, "install.sh"));
// Types for plugin authors: one self-contained file, see the README's "Writing an instrument plugin".
const { writePluginDts } = await import(join(ROOT, "scripts/plugin-dts.ts"));
const dts = writePluginDts(join(OUT, "pacer-plugin.d.ts"));

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
writeFileSync(join(OUT, "version.txt"), `${version}\n`);
const assets = [x64, ...(X64_ONLY ? [] : [arm64]), ...darwin, join(OUT, "install.sh"), join(OUT, "version.txt"), dts];
const digests = new Map(assets.map((p) => [basename(p), createHash("sha256").update(readFileSync(p)).digest("hex")]));
const sums = [...digests].map(([name, sha]) => `${sha}  ${name}`).join("\n") + "\n";
writeFileSync(join(OUT, "SHA256SUMS"), sums);
embedChecksums(resolve(values["action-dir"] ?? join(ROOT, "action")), version, digests);
console.log(`release: ${OUT}\n${sums}release: arm64: ${arm64Smoke}${binding ? "" : " (Bun built-in zstd fallback)"}`);
if (binding && arm64Smoke.includes('"bun"')) {
  console.warn("release: the arm64 binding was built but not embedded: build.ts must honour PACER_ZSTD_BINDING");
}
