/**
 * Compiles `rusage-exec.c`, the helper behind `pacer __rusage`. `build.ts` calls it before
 * `bun build --compile` so the helper is embedded in the executable; tests call it when the helper
 * is missing.
 *
 * @example
 * ```ts
 * import { buildRusageHelper } from "./src/harness/rusage/build-helper.ts";
 * const exe = buildRusageHelper({ arch: "aarch64" }); // uses aarch64-linux-gnu-gcc
 * ```
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { arch as nodeArch } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { normaliseArch } from "../../toolkit/native-library.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The file `embedded-helper.ts` imports, so the next `bun build --compile` embeds it. */
export const HELPER_PATH = join(HERE, "build", "pacer-rusage-exec.bin");

function compilerFor(arch: string): string {
  if (arch === normaliseArch(nodeArch())) return process.env.CC ?? "cc";
  if (arch === "aarch64" || arch === "x86_64") return `${arch}-linux-gnu-gcc`;
  throw new Error(`Cannot build the rusage helper: unsupported architecture "${arch}"`);
}

/**
 * Builds the helper for `arch` (the host's by default) into `out` and returns its path. Static, so
 * the command it forks starts from a handful of pages whatever libc the machine has; a dynamic build
 * is the fallback when no static libc is installed (its fork floor is a few hundred kB larger).
 */
export function buildRusageHelper(opts: { arch?: string; out?: string } = {}): string {
  const arch = normaliseArch(opts.arch ?? nodeArch());
  const out = opts.out ?? HELPER_PATH;
  mkdirSync(dirname(out), { recursive: true });
  const cc = compilerFor(arch);
  const base = ["-O2", "-s", "-std=gnu11", "-Wall", "-o", out, join(HERE, "rusage-exec.c")];
  let r = spawnSync(cc, ["-static", ...base], { encoding: "utf8" });
  if (r.status !== 0 && !r.error) r = spawnSync(cc, base, { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw new Error(`Cannot build the rusage helper with "${cc}": ${r.error ? r.error.message : r.stderr.trim()}`);
  }
  return out;
}

if (import.meta.main) console.log(buildRusageHelper(process.argv[2] ? { arch: process.argv[2] } : {}));
