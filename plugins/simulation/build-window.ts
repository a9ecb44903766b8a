/**
 * Compiles the exec window library (`preload/exec-window.c`), preloaded into `pacer exec` targets in
 * simulation mode so that callgrind counts the program, not the dynamic loader. `build.ts` calls it
 * before `bun build --compile` so the library is embedded in the executable; runs from a checkout
 * build it on first use.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { arch as nodeArch } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileLibrary, normaliseArch } from "../../src/toolkit/native-library.ts";
import { compilerFor } from "../memory/build-preload.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** File name of the library; `embedded-window.ts` imports `./build/<WINDOW_FILE>`. */
export const WINDOW_FILE = "libpacer-exec-window.so";

/** Where the library built for `arch` is kept (`build/<arch>/`), beside the embed slot `build/`. */
export function windowArchPath(arch: string, outDir = join(HERE, "build")): string {
  return join(outDir, normaliseArch(arch), WINDOW_FILE);
}

/**
 * Builds the library and returns `<outDir>/libpacer-exec-window.so` (the file the next
 * `bun build --compile` embeds), with a copy in `<outDir>/<arch>/`.
 *
 * @param opts.arch Target architecture (`x86_64`, `aarch64`, or `x64`/`arm64`); the host's by default.
 * @param opts.outDir Output folder; `plugins/simulation/build` by default.
 */
export async function buildExecWindow(opts: { arch?: string; outDir?: string } = {}): Promise<string> {
  const arch = normaliseArch(opts.arch ?? nodeArch());
  const outDir = opts.outDir ?? join(HERE, "build");
  mkdirSync(outDir, { recursive: true });
  // The client requests are vendored (preload/client-request.h): no valgrind headers needed.
  const source = join(HERE, "preload", "exec-window.c");
  const perArch = windowArchPath(arch, outDir);
  return compileLibrary({ what: "the simulation exec window library", cc: compilerFor(arch), source, out: join(outDir, WINDOW_FILE), perArch, flags: ["-std=gnu11", "-Wall", "-Werror"], libs: ["-lpthread"] });
}

if (import.meta.main) {
  const archArg = process.argv[2];
  console.log(await buildExecWindow(archArg ? { arch: archArg } : {}));
}
