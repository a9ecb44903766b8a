/**
 * Parsers for the version lines the machine fingerprint reads; each returns `null` on text it does
 * not recognise. Tested on captured output in `test/fixtures/fingerprint/`.
 *
 * @module
 */

/** `ldd --version`: `glibc 2.36` (GNU, any distro's build string) or `musl 1.2.3`. */
export function parseLddVersion(text: string): string | null {
  const musl = /^musl libc[^\n]*\nVersion (\S+)/m.exec(text);
  if (musl) return `musl ${musl[1]}`;
  const first = text.split("\n", 1)[0] ?? "";
  const glibc = /\b(?:GLIBC|GNU libc|EGLIBC)\b.*\)\s+(\d+\.\d+(?:\.\d+)?)\s*$/.exec(first);
  return glibc ? `glibc ${glibc[1]}` : null;
}

/** `getconf GNU_LIBC_VERSION`: `glibc 2.36`. */
export function parseGetconfLibc(text: string): string | null {
  const m = /^glibc (\d+\.\d+(?:\.\d+)?)\s*$/.exec(text.trim());
  return m ? `glibc ${m[1]}` : null;
}

/** `node --version`: `v20.20.2` → `20.20.2`. */
export function parseNodeVersion(text: string): string | null {
  return /^v(\d+\.\d+\.\d+\S*)\s*$/.exec(text.trim())?.[1] ?? null;
}

/** `valgrind --version`: `valgrind-3.19.0` → `3.19.0` (a suffix such as `.codspeed` is kept: it is another build). */
export function parseValgrindVersion(text: string): string | null {
  return /^valgrind-(\d+\.\d+\S*)\s*$/.exec(text.trim())?.[1] ?? null;
}

/** `perf --version`: `perf version 6.1.187` → `6.1.187`. */
export function parsePerfVersion(text: string): string | null {
  return /^perf version (\S+)/.exec(text.trim())?.[1] ?? null;
}

/** `bpftrace --version`: `bpftrace v0.17.0` → `0.17.0`. */
export function parseBpftraceVersion(text: string): string | null {
  return /^bpftrace v?(\d+\.\d+\S*)/.exec(text.trim())?.[1] ?? null;
}
