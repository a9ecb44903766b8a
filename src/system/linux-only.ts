/**
 * The instruments' Linux-only paths (valgrind, perf, the LD_PRELOAD and exec window libraries,
 * which are Linux ELF files, embedded in the macOS binaries too but never loaded there) ask here
 * first. The platform is a parameter so unit tests can play macOS on Linux.
 *
 * @module
 */
import { PacerError } from "../errors.ts";

const NAMES: Record<string, string> = { darwin: "macOS", win32: "Windows", freebsd: "FreeBSD" };

export const platformName = (platform: string): string => NAMES[platform] ?? platform;

/** Why `what` cannot run on `platform`, or undefined on Linux. */
export function needsLinux(what: string, platform: string = process.platform): string | undefined {
  return platform === "linux" ? undefined : `${what} needs Linux (this is ${platformName(platform)})`;
}

/** Throws before a Linux ELF library is written out or preloaded on another system. */
export function assertLinux(what: string, platform: string = process.platform): void {
  const why = needsLinux(what, platform);
  if (why) throw new PacerError("E_PROBE", why, { hint: "Use the walltime mode (pacer exec, pacer run --mode walltime) on this system" });
}
