/**
 * Facts about the machine, detected once per run and frozen.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import os from "node:os";

export interface SystemInfo {
  /** Distribution id from /etc/os-release (`debian`, `ubuntu`…), or `os.platform()` elsewhere. */
  os: string;
  osVersion: string;
  /** `x86_64` or `aarch64` (kernel naming, as `uname -m` prints). */
  arch: string;
  kernel: string;
  host: string;
  user: string;
  uid: number;
  isRoot: boolean;
  cpuBrand: string;
  cpuVendorId: string;
  cpuCores: number;
  totalMemoryGb: number;
  /** Whether apt-get can install packages here (Debian/Ubuntu). */
  hasApt: boolean;
}

/** Parses `/etc/os-release` text into its key/value pairs. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, "$1");
  }
  return out;
}

/** Reads the CPU vendor from `/proc/cpuinfo` text (x86 `vendor_id`, arm `CPU implementer`). */
export function parseCpuVendor(text: string): string {
  const m = /^(?:vendor_id|CPU implementer)\s*:\s*(.+)$/m.exec(text);
  return m?.[1]?.trim() ?? "unknown";
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

function archName(): string {
  const a = os.arch();
  return a === "x64" ? "x86_64" : a === "arm64" ? "aarch64" : a;
}

let cached: SystemInfo | undefined;

/** Detects the system once; later calls return the same frozen object. */
export function systemInfo(): SystemInfo {
  if (cached) return cached;
  const rel = parseOsRelease(readOr("/etc/os-release", ""));
  const cpus = os.cpus();
  const uid = process.getuid?.() ?? -1;
  const distro = rel.ID ?? os.platform();
  cached = Object.freeze({
    os: distro,
    osVersion: rel.VERSION_ID ?? os.release(),
    arch: archName(),
    kernel: os.release(),
    host: os.hostname(),
    user: os.userInfo().username,
    uid,
    isRoot: uid === 0,
    cpuBrand: cpus[0]?.model?.trim() || "unknown",
    cpuVendorId: parseCpuVendor(readOr("/proc/cpuinfo", "")),
    cpuCores: cpus.length,
    totalMemoryGb: Math.ceil(os.totalmem() / 2 ** 30),
    hasApt: ["debian", "ubuntu"].includes(distro) || (rel.ID_LIKE ?? "").includes("debian"),
  });
  return cached;
}
