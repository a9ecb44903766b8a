/**
 * Compiles the memory tracker's preload library (`preload/memtrack.c`). `build.ts` calls it before
 * `bun build --compile` so the library is embedded in the executable; tests call it when the library
 * is missing.
 *
 * @example
 * ```ts
 * import { buildPreload } from "./plugins/memory/build-preload.ts";
 * const so = await buildPreload({ arch: "aarch64" }); // uses aarch64-linux-gnu-gcc
 * ```
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { arch as nodeArch } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** File name of the library; the plugin imports `./build/<PRELOAD_FILE>`. */
export const PRELOAD_FILE = "libpacer-memtrack.so";

/** Where the library built for `arch` is kept (`build/<arch>/`), beside the embed slot `build/`. */
export function archBuildPath(arch: string, outDir = join(HERE, "build")): string {
  return join(outDir, normaliseArch(arch), PRELOAD_FILE);
}

/** Kernel-style arch names (`x86_64`, `aarch64`), accepting Node and Bun spellings too. */
export function normaliseArch(a: string): string {
  if (a === "x64" || a === "amd64" || a === "bun-linux-x64") return "x86_64";
  if (a === "arm64" || a === "bun-linux-arm64") return "aarch64";
  return a;
}

/** The C compiler for `arch` on this host: the native `cc` or Debian's cross compiler. */
export function compilerFor(arch: string, hostArch = normaliseArch(nodeArch())): string {
  if (arch === hostArch) return process.env.CC ?? "cc";
  if (arch === "aarch64") return "aarch64-linux-gnu-gcc";
  if (arch === "x86_64") return "x86_64-linux-gnu-gcc";
  throw new Error(`Cannot build the memory preload library: unsupported architecture "${arch}"`);
}

/**
 * Builds the preload library and returns its absolute path: `<outDir>/libpacer-memtrack.so`, the
 * file the next `bun build --compile` embeds (so build one target at a time: build the library,
 * compile, next target), with a copy in `<outDir>/<arch>/` that runs from source find for their arch.
 *
 * @param opts.arch Target architecture (`x86_64`, `aarch64`, or `x64`/`arm64`); the host's by default.
 * @param opts.outDir Output folder; `plugins/memory/build` by default.
 * @returns The path of the built `.so`.
 */
export async function buildPreload(opts: { arch?: string; outDir?: string } = {}): Promise<string> {
  const arch = normaliseArch(opts.arch ?? nodeArch());
  const outDir = opts.outDir ?? join(HERE, "build");
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, PRELOAD_FILE);
  const cc = compilerFor(arch);
  const args = ["-O2", "-shared", "-fPIC", "-std=gnu11", "-Wall", "-o", out, join(HERE, "preload", "memtrack.c"), "-ldl", "-lpthread"];
  const r = spawnSync(cc, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.trim();
    throw new Error(`Cannot build the memory preload library with "${cc}": ${why}`);
  }
  const perArch = archBuildPath(arch, outDir);
  mkdirSync(dirname(perArch), { recursive: true });
  copyFileSync(out, perArch);
  return out;
}

if (import.meta.main) {
  const archArg = process.argv[2];
  console.log(await buildPreload(archArg ? { arch: archArg } : {}));
}
