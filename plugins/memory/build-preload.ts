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
import { mkdirSync } from "node:fs";
import { arch as nodeArch } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileLibrary, normaliseArch } from "../../src/toolkit/native-library.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** File name of the library; the plugin imports `./build/<PRELOAD_FILE>`. */
export const PRELOAD_FILE = "libpacer-memtrack.so";

/** Where the library built for `arch` is kept (`build/<arch>/`), beside the embed slot `build/`. */
export function archBuildPath(arch: string, outDir = join(HERE, "build")): string {
  return join(outDir, normaliseArch(arch), PRELOAD_FILE);
}

export { normaliseArch };

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
  const flags = ["-std=gnu11", "-Wall"];
  const source = join(HERE, "preload", "memtrack.c");
  return compileLibrary({ what: "the memory preload library", cc: compilerFor(arch), source, out: join(outDir, PRELOAD_FILE), perArch: archBuildPath(arch, outDir), flags, libs: ["-ldl", "-lpthread"] });
}

if (import.meta.main) {
  const archArg = process.argv[2];
  console.log(await buildPreload(archArg ? { arch: archArg } : {}));
}
