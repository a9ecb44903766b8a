/**
 * Builds the pacer executable: checks invariants, builds native pieces (the memory instrument's
 * preload library, the simulation instrument's exec window library), compiles `src/cli.ts` with
 * `bun build --compile` for each target, and smoke-runs the host binary from an empty folder
 * (version, embedded zstd binding, msgpack).
 *
 * Usage: `bun build.ts [--target bun-linux-x64|bun-linux-arm64|bun-darwin-x64|bun-darwin-arm64]... [--all] [--outfile <path>] [--no-smoke]`
 *
 * macOS targets: Bun fetches the darwin runtime from the npm registry (@oven/bun-darwin-*). The
 * native pieces are Linux ELF files; a darwin binary embeds the same-CPU Linux builds, which its
 * platform guards (src/system/linux-only.ts) never write out or load.
 *
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, copyFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BunPlugin } from "bun";

const ROOT = import.meta.dir;
const HOST_TARGET = process.arch === "arm64" ? "bun-linux-arm64" : "bun-linux-x64";

const { values } = parseArgs({
  args: Bun.argv.slice(2),
  options: {
    target: { type: "string", multiple: true },
    all: { type: "boolean" },
    outfile: { type: "string" },
    "no-smoke": { type: "boolean" },
  },
});
const targets = values.all ? ["bun-linux-x64", "bun-linux-arm64"] : (values.target ?? [HOST_TARGET]);

function fail(msg: string): never {
  console.error(`build: ${msg}`);
  process.exit(1);
}

/** Every folder under plugins/ must be registered as a built-in, or it would silently not ship. */
function checkPluginRegistry(): void {
  const registry = readFileSync(join(ROOT, "src/plugin/builtins.ts"), "utf8");
  for (const name of readdirSync(join(ROOT, "plugins"))) {
    if (!existsSync(join(ROOT, "plugins", name, "index.ts"))) continue;
    if (!registry.includes(`plugins/${name}/index.ts`)) fail(`plugins/${name} is not listed in src/plugin/builtins.ts`);
  }
}

/**
 * zstd-napi loads its binding with a computed `require(\`./build/${type}/binding.node\`)`, which the
 * bundler cannot follow; a static require makes `--compile` embed the .node file.
 */
const zstdNapiStaticBinding: BunPlugin = {
  name: "zstd-napi-static-binding",
  setup(build) {
    build.onLoad({ filter: /zstd-napi[\\/]binding\.js$/ }, () => ({
      // PACER_ZSTD_BINDING points at a binding built for another target (scripts/release.ts, arm64).
      contents: `module.exports = require(${JSON.stringify(process.env.PACER_ZSTD_BINDING ?? "./build/Release/binding.node")});`,
      loader: "js",
    }));
  },
};

async function buildNative(target: string): Promise<void> {
  const { buildRusageHelper } = await import(join(ROOT, "src/harness/rusage/build-helper.ts"));
  console.log(`build: rusage helper ${buildRusageHelper({ arch: target })}`);
  const script = join(ROOT, "plugins/memory/build-preload.ts");
  if (!existsSync(script)) return;
  const { buildPreload } = (await import(script)) as { buildPreload(o: { arch?: string }): Promise<string> };
  const out = await buildPreload({ arch: target.endsWith("arm64") ? "aarch64" : "x86_64" });
  console.log(`build: preload library ${out}`);
  // The simulation instrument's exec window library (plugins/simulation/preload/exec-window.c).
  const windowScript = join(ROOT, "plugins/simulation/build-window.ts");
  if (!existsSync(windowScript)) return;
  const { buildExecWindow } = (await import(windowScript)) as { buildExecWindow(o: { arch?: string }): Promise<string> };
  console.log(`build: exec window library ${await buildExecWindow({ arch: target.endsWith("arm64") ? "aarch64" : "x86_64" })}`);
}

async function compile(target: string, outfile: string): Promise<void> {
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src/cli.ts")],
    compile: { target: target as "bun-linux-x64", outfile },
    minify: true,
    // Separate chunks for lazily imported commands: `pacer --version` then parses almost nothing.
    splitting: true,
    // Parsed ahead: `pacer run` loads ~40 ms faster (its modules are compiled into the binary as bytecode).
    bytecode: true,
    format: "esm",
    sourcemap: "linked",
    plugins: [zstdNapiStaticBinding],
  });
  if (!result.success) fail(`compiling for ${target} failed:\n${result.logs.map(String).join("\n")}`);
  console.log(`build: ${outfile} (${target})`);
}

/** Runs the binary from an empty folder so nothing can come from node_modules. */
function smoke(binary: string): void {
  const dir = mkdtempSync(join(tmpdir(), "pacer-smoke-"));
  const copy = join(dir, "pacer");
  copyFileSync(binary, copy);
  const run = (args: string[]) => Bun.spawnSync([copy, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "" } });
  const version = run(["--version"]);
  if (version.exitCode !== 0) fail(`smoke run "pacer --version" failed: ${version.stderr}`);
  const self = run(["__selftest"]);
  if (self.exitCode !== 0) fail(`smoke run "pacer __selftest" failed: ${self.stdout}${self.stderr}`);
  // The host binary must use the embedded native binding, not Bun's fallback.
  if (JSON.parse(self.stdout.toString()).zstd?.backend !== "zstd-napi") fail(`the zstd-napi binding is not embedded: ${self.stdout}`);
  console.log(`build: smoke ok: ${version.stdout.toString().trim()}, ${self.stdout.toString().trim()}`);
  rmSync(dir, { recursive: true, force: true });
}

/** `dist/pacer-plugin.d.ts` (types for plugin authors), regenerated when a file under src/ is newer. */
async function pluginTypes(): Promise<void> {
  const out = join(ROOT, "dist/pacer-plugin.d.ts");
  const newest = (dir: string, skip: string): number =>
    Math.max(0, ...readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f)).filter((f) => f !== skip).map((f) => statSync(f).mtimeMs));
  // `pacer plugin init` writes the embedded copy (src/plugin-init/embedded-types.ts).
  const embedded = join(ROOT, "src/plugin-init/build/pacer-plugin.d.ts.bin");
  const fresh = existsSync(out) && existsSync(embedded) && statSync(out).mtimeMs > Math.max(newest(join(ROOT, "src"), embedded), statSync(join(ROOT, "scripts/plugin-dts.ts")).mtimeMs);
  if (!fresh) {
    const { writePluginDts } = await import(join(ROOT, "scripts/plugin-dts.ts"));
    console.log(`build: plugin types ${writePluginDts(out)}`);
  }
  mkdirSync(dirname(embedded), { recursive: true });
  copyFileSync(out, embedded);
}

checkPluginRegistry();
await pluginTypes();
for (const target of targets) {
  await buildNative(target.replace("bun-darwin-", "bun-linux-"));
  const outfile = resolve(
    values.outfile && targets.length === 1 ? values.outfile : target === HOST_TARGET && !values.all ? "dist/pacer" : `dist/pacer-${target.replace(/^bun-/, "")}`,
  );
  await compile(target, outfile);
  if (target === HOST_TARGET && !values["no-smoke"]) smoke(outfile);
}
