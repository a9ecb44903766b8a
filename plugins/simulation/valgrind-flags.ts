/**
 * The valgrind command line of the simulation instrument (reference §3.2), built from what the
 * probe found.
 *
 * @module
 */
import { NODE_INTROSPECTION_PREFIX } from "../../src/toolkit/node-shim-mark.ts";

/** Options every supported valgrind must take: probed together in one run. */
export const REQUIRED_FLAGS = [
  "--tool=callgrind",
  "--trace-children=yes",
  "--compress-strings=no",
  "--combine-dumps=yes",
  "--dump-line=no",
  "--read-inline-info=yes",
  "--trace-children-skip=*esbuild",
];

/**
 * The cache model of the reference (I1/D1 32 KiB 8-way 64 B lines, LL 8 MiB 16-way 64 B lines):
 * what cycle estimation needs; left out with `--cycle-estimation=false`.
 */
export const CACHE_SIM_FLAGS = ["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64"];

/**
 * Integration runs: nothing is counted until the integration starts a benchmark. The node shim's
 * helpers (mktemp, the `node -e` flag reader, rm: each takes the introspection file as an argument)
 * are left untraced: they never start a benchmark, so they only wrote empty callgrind files, and
 * under valgrind they took ~7 s of an 18 s run (the flag reader's node start-up ~4.7 s alone).
 */
export const INTEGRATION_FLAGS = ["--instr-atstart=no", `--trace-children-skip-by-arg=*/${NODE_INTROSPECTION_PREFIX}*`];

/**
 * Exec runs: nothing is counted until the exec window library (preloaded, see
 * `preload/exec-window.c`) turns collection on after the dynamic loader, and off after the
 * program's destructors. No `--toggle-collect=<frame>`: `(below main)` matches two nested frames on
 * glibc >= 2.34 (`_start`, `__libc_start_call_main`) and turned collection off again before `main`.
 */
export const EXEC_FLAGS = ["--collect-atstart=no"];

/** Optional options, each probed on its own; a rejected one only turns its feature off. */
export const OPTIONAL_FLAGS = {
  "collect-systime": "--collect-systime=nsec",
  "cycle-estimation": "--cycle-estimation=yes",
  "obj-skip": "--obj-skip=/bin/true",
} as const;

export type OptionalFlag = keyof typeof OPTIONAL_FLAGS;

export interface ValgrindFlagInputs {
  kind: "integration" | "exec";
  /** Cache simulation and CodSpeed's `--cycle-estimation=yes` (when the fork takes it). */
  cycleEstimation: boolean;
  enabled: Partial<Record<OptionalFlag, boolean>>;
  /** Objects to leave out (node binary, libpython), used only when `obj-skip` is enabled. */
  objSkip: string[];
  outFile: string;
  logFile: string;
}

/** The valgrind arguments (without `valgrind` itself and without the program). */
export function valgrindFlags(i: ValgrindFlagInputs): string[] {
  const flags = ["-q", ...REQUIRED_FLAGS, ...(i.cycleEstimation ? CACHE_SIM_FLAGS : []), ...(i.kind === "exec" ? EXEC_FLAGS : INTEGRATION_FLAGS)];
  if (i.enabled["collect-systime"]) flags.push(OPTIONAL_FLAGS["collect-systime"]);
  if (i.cycleEstimation && i.enabled["cycle-estimation"]) flags.push(OPTIONAL_FLAGS["cycle-estimation"]);
  if (i.enabled["obj-skip"]) for (const p of i.objSkip) flags.push(`--obj-skip=${p}`);
  flags.push(`--callgrind-out-file=${i.outFile}`, `--log-file=${i.logFile}`);
  return flags;
}

/** `setarch <arch> -R` (ASLR off, so addresses and hash seeds repeat) when available. */
export function aslrPrefix(arch: string, enabled: boolean): string[] {
  return enabled ? ["setarch", arch, "-R"] : [];
}
