/**
 * Finds what this machine's valgrind can do, by asking valgrind itself: every option is tried on
 * `/bin/true` (an unknown option fails in milliseconds, before the program starts).
 *
 * @module
 */
import type { Feature, PluginContext, ProbeResult } from "../../src/index.ts";
import { parseGilDisabled, parseOptionCheck, parseValgrindVersion, type OptionCheck } from "./parse-probe.ts";
import { CACHE_SIM_FLAGS, OPTIONAL_FLAGS, REQUIRED_FLAGS, EXEC_FLAGS, INTEGRATION_FLAGS, type OptionalFlag } from "./valgrind-flags.ts";
import { needsLinux } from "../../src/system/linux-only.ts";

const TRUE = "/bin/true";

async function checkOptions(ctx: PluginContext, flags: string[]): Promise<OptionCheck> {
  const r = await ctx.exec(["valgrind", "-q", "--vgdb=no", "--callgrind-out-file=/dev/null", ...flags, TRUE], { timeoutMs: 30_000 });
  if (r.spawnError) return { accepted: false, reason: r.spawnError };
  return parseOptionCheck(r.code, r.stderr);
}

const OPTIONAL_WHY: Record<OptionalFlag, string> = {
  "collect-systime": "system call counts and times are not reported",
  "cycle-estimation": "CodSpeed fork option; pacer still computes its own cycle estimate",
  "obj-skip": "CodSpeed fork option; the node binary and libpython are measured, not skipped",
};

async function probeAslr(ctx: PluginContext): Promise<Feature> {
  const r = await ctx.exec(["setarch", ctx.system.arch, "-R", TRUE], { timeoutMs: 10_000 });
  if (r.code === 0) return { enabled: true, value: "setarch -R" };
  const why = r.spawnError ? "setarch is not installed (package util-linux)" : `setarch -R failed: ${r.stderr.trim()}`;
  return { enabled: false, reason: `${why}; ASLR stays on, so counts may vary between runs` };
}

/** Whether to set `PYTHONMALLOC=malloc`: always, except for a free-threaded Python (reference §3.1). */
async function probePythonMalloc(ctx: PluginContext): Promise<Feature> {
  const code = "import sysconfig; print(sysconfig.get_config_var('Py_GIL_DISABLED') or 0)";
  for (const py of ["python3", "python"]) {
    const r = await ctx.exec([py, "-c", code], { timeoutMs: 20_000 });
    if (r.spawnError || r.code !== 0) continue;
    if (parseGilDisabled(r.stdout)) return { enabled: false, reason: `${py} is free-threaded: its allocator is kept` };
    return { enabled: true, value: "PYTHONMALLOC=malloc" };
  }
  return { enabled: true, value: "PYTHONMALLOC=malloc", reason: "no python found; set anyway" };
}

/** Probes valgrind, its options, setarch, Python and the link guard. Never throws, changes nothing. */
export async function probeSimulation(ctx: PluginContext, platform: string = process.platform): Promise<ProbeResult> {
  const features: Record<string, Feature> = {};
  // valgrind's callgrind and the exec window library (a Linux ELF preload) exist only on Linux.
  const notLinux = needsLinux("The simulation instrument (valgrind)", platform);
  if (notLinux) return { status: "unsupported", features: { valgrind: { enabled: false, reason: notLinux } }, reasons: [notLinux], hint: "Use --mode walltime on this system" };
  const v = await ctx.exec(["valgrind", "--version"], { timeoutMs: 10_000 });
  const version = v.code === 0 ? parseValgrindVersion(v.stdout) : undefined;
  if (!version) {
    const reason = v.spawnError ? "valgrind is not installed" : `"valgrind --version" failed: ${(v.stderr || v.stdout).trim()}`;
    features.valgrind = { enabled: false, reason };
    return {
      status: "unsupported",
      features,
      reasons: [reason],
      hint: ctx.system.hasApt ? "Run `pacer setup` (installs valgrind with apt-get)" : "Install valgrind with your package manager",
      needsSetup: ctx.system.hasApt && !!v.spawnError,
    };
  }
  features.valgrind = { enabled: true, value: version.version };
  features["codspeed-valgrind"] = {
    enabled: version.codspeed,
    value: version.codspeed,
    reason: version.codspeed ? undefined : "upstream valgrind (not CodSpeed's fork)",
  };
  const optional = Object.keys(OPTIONAL_FLAGS) as OptionalFlag[];
  const sideChecks = Promise.all([probeAslr(ctx), probePythonMalloc(ctx)]);
  const [required, ...rest] = await Promise.all([
    checkOptions(ctx, [...REQUIRED_FLAGS, ...CACHE_SIM_FLAGS, ...INTEGRATION_FLAGS, ...EXEC_FLAGS]),
    ...optional.map((k) => checkOptions(ctx, ["--tool=callgrind", OPTIONAL_FLAGS[k]])),
  ]);
  const [aslr, pythonMalloc] = await sideChecks;
  features["callgrind-options"] = required!.accepted
    ? { enabled: true }
    : { enabled: false, reason: required!.reason };
  optional.forEach((k, i) => {
    const r = rest[i]!;
    features[k] = r.accepted ? { enabled: true } : { enabled: false, reason: `${OPTIONAL_WHY[k]} (valgrind: "${r.reason}")` };
  });
  features["aslr-off"] = aslr;
  features["python-malloc"] = pythonMalloc;
  // @codspeed/core's addon writes /tmp/perf-<pid>.map in this mode, in every node process.
  const links = ctx.toolkit.linkGuard.feature(ctx.system);
  if (links) features["fs.protected_symlinks"] = links;
  if (!required!.accepted) {
    return {
      status: "unsupported",
      features,
      reasons: [`valgrind ${version.version} rejects a required callgrind option: ${required!.reason}`],
      hint: "Install valgrind 3.17 or newer (Debian/Ubuntu: apt-get install valgrind)",
    };
  }
  const off = Object.entries(features).filter(([k, f]) => !f.enabled && k !== "codspeed-valgrind" && k !== "python-malloc");
  return {
    status: off.length ? "degraded" : "supported",
    features,
    reasons: off.map(([k, f]) => `${k}: ${f.reason}`),
    ...(links?.enabled === false && { needsSetup: true }),
  };
}
