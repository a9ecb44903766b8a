/**
 * Finds the allocator libraries of the machine the way the CodSpeed memtrack does: by globbing the
 * multiarch and Nix library folders (never a hard-coded `x86_64-linux-gnu`), keeping regular files,
 * resolved and deduplicated.
 *
 * @module
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";

export type AllocatorKind = "libc" | "libstdc++" | "libc++" | "jemalloc" | "mimalloc";

/** Library folders searched, `*` matching within one path segment. */
export const LIBRARY_DIRS = ["/lib/*-linux-gnu", "/usr/lib/*-linux-gnu", "/lib*", "/usr/lib*", "/usr/local/lib*", "/usr/local/lib/*-linux-gnu"];

/** File-name patterns per allocator, and the extra Nix store folders that may hold it. */
const PATTERNS: Record<AllocatorKind, { file: RegExp; nix: string }> = {
  libc: { file: /^libc\.so\.6$/, nix: "/nix/store/*glibc*/lib" },
  "libstdc++": { file: /^libstdc\+\+\.so(\.\d+)*$/, nix: "/nix/store/*gcc*-lib/lib" },
  "libc++": { file: /^libc\+\+\.so(\.\d+)*$/, nix: "/nix/store/*libcxx*/lib" },
  jemalloc: { file: /^libjemalloc\.so(\.\d+)*$/, nix: "/nix/store/*jemalloc*/lib" },
  mimalloc: { file: /^libmimalloc\.so(\.\d+)*$/, nix: "/nix/store/*mimalloc*/lib" },
};

function segmentRegex(seg: string): RegExp {
  return new RegExp(`^${seg.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Expands a folder pattern whose segments may contain `*`. */
export function expandDirs(pattern: string, root = "/"): string[] {
  let current = [root];
  for (const seg of pattern.split("/").filter(Boolean)) {
    const next: string[] = [];
    for (const dir of current) {
      if (!seg.includes("*")) next.push(join(dir, seg));
      else for (const name of listDir(dir)) if (segmentRegex(seg).test(name)) next.push(join(dir, name));
    }
    current = next;
  }
  return current;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Returns the resolved paths of each allocator's libraries found under `root` (tests pass a fake
 * tree; the default is the real `/`).
 *
 * @example
 * ```ts
 * findAllocators().libc; // ["/usr/lib/x86_64-linux-gnu/libc.so.6"] on Debian x86_64
 * ```
 */
export function findAllocators(root = "/"): Record<AllocatorKind, string[]> {
  const out = {} as Record<AllocatorKind, string[]>;
  for (const [kind, { file, nix }] of Object.entries(PATTERNS) as Array<[AllocatorKind, (typeof PATTERNS)[AllocatorKind]]>) {
    const found = new Set<string>();
    for (const pattern of [...LIBRARY_DIRS, nix]) {
      for (const dir of expandDirs(pattern, root)) {
        for (const name of listDir(dir)) {
          if (!file.test(name)) continue;
          const path = join(dir, name);
          if (!isRegularFile(path)) continue;
          try {
            found.add(realpathSync(path));
          } catch {
            // vanished between listing and resolving
          }
        }
      }
    }
    out[kind] = [...found].sort();
  }
  return out;
}
