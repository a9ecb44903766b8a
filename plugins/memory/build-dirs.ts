/**
 * Finds the benchmark executables of an integration run that the preload library cannot see, the
 * way the CodSpeed memtrack does: from the working directory up to `/`, the `target/codspeed/analysis`,
 * `bazel-bin` and `build` folders, and in them every executable ELF that defines an allocator of its
 * own (statically linked, or with jemalloc/mimalloc linked in, as Rust benchmarks often are).
 *
 * @module
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { chooseTracker, type TrackerChoice } from "./choose-tracker.ts";

const FOLDERS = ["target/codspeed/analysis", "bazel-bin", "build"];
const SKIP = new Set(["node_modules", ".git", "deps", "incremental", ".fingerprint"]);
const MAX_FILES = 20_000;
const MAX_EXECUTABLES = 64;
const MAX_DEPTH = 8;
const MAX_BYTES = 1 << 30;

function walk(dir: string, depth: number, out: string[], budget: { files: number }): void {
  if (depth > MAX_DEPTH || budget.files <= 0) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (SKIP.has(name) || --budget.files <= 0) continue;
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(path, depth + 1, out, budget);
    else if (st.isFile() && (st.mode & 0o111) !== 0 && st.size < MAX_BYTES) out.push(path);
  }
}

/** The build folders searched from `cwd` up to `/`. */
export function buildFolders(cwd: string): string[] {
  const out: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const f of FOLDERS) {
      const path = join(dir, f);
      try {
        if (statSync(path).isDirectory()) out.push(path);
      } catch {
        // absent
      }
    }
    if (dirname(dir) === dir) return out;
  }
}

/** Executables under the build folders that need eBPF uprobes. */
export function findOwnAllocatorExecutables(cwd: string): Array<Extract<TrackerChoice, { kind: "ebpf" }>> {
  const files: string[] = [];
  const budget = { files: MAX_FILES };
  for (const folder of buildFolders(cwd)) walk(folder, 0, files, budget);
  const out: Array<Extract<TrackerChoice, { kind: "ebpf" }>> = [];
  for (const file of files) {
    const c = chooseTracker(file, cwd);
    if (c.kind === "ebpf") out.push(c);
    if (out.length >= MAX_EXECUTABLES) break;
  }
  return out;
}
