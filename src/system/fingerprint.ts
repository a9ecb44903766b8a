/**
 * The machine fingerprint saved with every run, so that two runs can be told comparable or not:
 * CPU, cores, kernel, OS, libc, node and the versions of the measuring tools.
 *
 * Split in two: {@link captureFingerprintOutputs} runs the version commands (in parallel, each with a
 * short timeout, missing ones skipped), {@link buildFingerprint} parses their text.
 *
 * @module
 */
import { closeSync, openSync, readSync, realpathSync } from "node:fs";
import { basename } from "node:path";
import type { MachineFingerprint } from "../results/run-record.ts";
import { execCapture, which } from "./subprocess.ts";
import { cachedVersionText } from "./version-cache.ts";
import {
  parseBpftraceVersion,
  parseGetconfLibc,
  parseLddVersion,
  parseNodeVersion,
  parsePerfVersion,
  parseValgrindVersion,
} from "./fingerprint-parse.ts";
import type { SystemInfo } from "./info.ts";
import { systemInfo } from "./info.ts";

export type { MachineFingerprint } from "../results/run-record.ts";

/** Measuring tools whose versions go into `tools`, with their version command and parser. */
const TOOLS: Record<string, { args: string[]; parse: (text: string) => string | null }> = {
  valgrind: { args: ["--version"], parse: parseValgrindVersion },
  perf: { args: ["--version"], parse: parsePerfVersion },
  bpftrace: { args: ["--version"], parse: parseBpftraceVersion },
};

/** Raw output (stdout then stderr) of each version command; `null` when the program is missing or hung. */
export interface FingerprintOutputs {
  ldd: string | null;
  /** Only run when `ldd` gave nothing usable. */
  getconf: string | null;
  node: string | null;
  tools: Record<string, string | null>;
}

/**
 * Whether the `node` at `path` answers for itself, so that its version is the file's: the real
 * program (named `node` or `nodejs`, not a script), as with nvm, fnm, n or a system package. A
 * version manager's shim picks a node per project (.nvmrc, .tool-versions): asdf's and nodenv's are
 * scripts, and Volta's and mise's are links to the manager's own program (`volta-shim`, `mise`).
 */
export function isNodeItself(path: string): boolean {
  try {
    const real = realpathSync(path);
    if (!/^node(js)?$/.test(basename(real))) return false;
    const fd = openSync(real, "r");
    try {
      const head = Buffer.alloc(2);
      return readSync(fd, head, 0, 2, 0) === 2 && head.toString("latin1") !== "#!";
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

async function versionText(program: string, args: string[], timeoutMs: number, cache: (path: string) => boolean = () => true): Promise<string | null> {
  const path = which(program);
  if (!path) return null;
  const run = async () => {
    // ldd of musl prints its version to stderr and exits 1: keep the text whatever the exit code.
    const r = await execCapture([path, ...args], { timeoutMs, env: { ...(process.env as Record<string, string>), LC_ALL: "C" } });
    return r.spawnError || r.code === null ? null : r.stdout + r.stderr;
  };
  return cache(path) ? cachedVersionText(path, args, run) : run();
}

/** Runs the version commands in parallel (each killed after `timeoutMs`). */
export async function captureFingerprintOutputs(timeoutMs = 1_000): Promise<FingerprintOutputs> {
  const names = Object.keys(TOOLS);
  const [ldd, node, ...tools] = await Promise.all([
    versionText("ldd", ["--version"], timeoutMs),
    // Cached only for a real node: a version manager's shim answers per project.
    versionText("node", ["--version"], timeoutMs, isNodeItself),
    ...names.map((n) => versionText(n, TOOLS[n]!.args, timeoutMs)),
  ]);
  const getconf = parseLddVersion(ldd ?? "") ? null : await versionText("getconf", ["GNU_LIBC_VERSION"], timeoutMs);
  return { ldd, getconf, node, tools: Object.fromEntries(names.map((n, i) => [n, tools[i] ?? null])) };
}

/** Builds the fingerprint from system facts and captured outputs; tools that are absent or unparsable are left out. */
export function buildFingerprint(
  sys: Pick<SystemInfo, "cpuBrand" | "cpuCores" | "kernel" | "os" | "osVersion" | "arch">,
  out: FingerprintOutputs,
): MachineFingerprint {
  const tools: Record<string, string> = {};
  for (const [name, text] of Object.entries(out.tools)) {
    const version = text === null ? null : (TOOLS[name]?.parse(text) ?? null);
    if (version) tools[name] = version;
  }
  return {
    cpuModel: sys.cpuBrand,
    cores: sys.cpuCores,
    kernel: sys.kernel,
    // MachineFingerprint has no arch field, and results are not comparable across architectures.
    os: `${sys.os} ${sys.osVersion} (${sys.arch})`,
    libc: parseLddVersion(out.ldd ?? "") ?? parseGetconfLibc(out.getconf ?? ""),
    node: out.node === null ? null : parseNodeVersion(out.node),
    tools,
  };
}

/**
 * Fingerprints this machine; never throws (a missing tool is simply absent from `tools`).
 *
 * @example
 * ```ts
 * await machineFingerprint();
 * // { cpuModel: "AMD EPYC 7B13", cores: 2, kernel: "6.18.44", os: "debian 12 (x86_64)",
 * //   libc: "glibc 2.36", node: "20.20.2", tools: { valgrind: "3.19.0", perf: "6.1.187" } }
 * ```
 */
export async function machineFingerprint(): Promise<MachineFingerprint> {
  return buildFingerprint(systemInfo(), await captureFingerprintOutputs());
}
