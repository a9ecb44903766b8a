/**
 * The C libraries pacer preloads into benchmarks (memory's tracker, simulation's exec window):
 * compiled from their source, kept per arch, embedded into the release binary, and put at a real
 * path when a run needs them (LD_PRELOAD cannot read a file embedded in the executable).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { arch } from "node:os";
import { basename, dirname } from "node:path";
import { elfFromBytes } from "./elf/file.ts";
import { assertLinux } from "../system/linux-only.ts";

const MACHINES: Record<string, number> = { x86_64: 62, aarch64: 183 };

/** Kernel-style arch names (`x86_64`, `aarch64`), accepting Node and Bun spellings too. */
export function normaliseArch(a: string): string {
  if (a === "x64" || a === "amd64" || a === "bun-linux-x64") return "x86_64";
  if (a === "arm64" || a === "bun-linux-arm64") return "aarch64";
  return a;
}

/** Whether ELF bytes are a library for `hostArch`. */
export function builtFor(bytes: Uint8Array, hostArch: string): boolean {
  const elf = elfFromBytes(bytes);
  return typeof elf !== "string" && elf.machine === MACHINES[hostArch];
}

/** One library's build: `cc -O2 -shared -fPIC <flags> -o <out> <source> <libs>`, then a copy kept per arch. */
export interface LibraryBuild {
  /** For the error message, e.g. "the memory preload library". */
  what: string;
  cc: string;
  source: string;
  out: string;
  /** Where the copy for this arch is kept (`build/<arch>/<file>`). */
  perArch: string;
  flags: string[];
  libs: string[];
}

/** Compiles the library; throws naming the compiler and its error output. */
export function compileLibrary(b: LibraryBuild): string {
  mkdirSync(dirname(b.out), { recursive: true });
  const r = spawnSync(b.cc, ["-O2", "-shared", "-fPIC", ...b.flags, "-o", b.out, b.source, ...b.libs], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.trim();
    throw new Error(`Cannot build ${b.what} with "${b.cc}": ${why}`);
  }
  mkdirSync(dirname(b.perArch), { recursive: true });
  copyFileSync(b.out, b.perArch);
  return b.out;
}

async function embeddedBytes(load: () => Promise<{ default: string }>): Promise<Uint8Array | undefined> {
  try {
    const file = Bun.file((await load()).default);
    return (await file.exists()) ? new Uint8Array(await file.arrayBuffer()) : undefined;
  } catch {
    return undefined; // not built yet (a fresh checkout)
  }
}

/**
 * Writes the library to `dest`: the embedded file when it is built for this machine, else
 * (running from a checkout) the copy built for this arch, else a fresh `build()`.
 */
export async function materializeLibrary(o: { dest: string; embedded: () => Promise<{ default: string }>; archBuild: (arch: string) => string; build: () => Promise<unknown> }): Promise<string> {
  // The embedded libraries are Linux ELF files, in the macOS binaries too: never written out there.
  assertLinux(`The native library "${basename(o.dest)}"`);
  const host = normaliseArch(arch());
  const embedded = await embeddedBytes(o.embedded);
  if (embedded && builtFor(embedded, host)) {
    writeFileSync(o.dest, embedded, { mode: 0o755 });
    return o.dest;
  }
  const local = Bun.file(o.archBuild(host));
  if (await local.exists()) {
    writeFileSync(o.dest, new Uint8Array(await local.arrayBuffer()), { mode: 0o755 });
    return o.dest;
  }
  await o.build();
  return o.dest;
}
