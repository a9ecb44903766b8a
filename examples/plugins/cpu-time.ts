/**
 * An example user plugin that is a mode of its own: `--mode cpu-time` measures the CPU time (user +
 * system, from wait4(2)) and peak memory of each benchmark, several rounds each, and declares how
 * pacer compares, shows, exports and uploads those numbers. No pacer source knows this mode: its
 * ModeSpec below is all the core reads.
 *
 *   pacer exec --plugin examples/plugins/cpu-time.ts --mode cpu-time -- sh -c 'seq 100000 >/dev/null'
 *
 * How it measures: under `pacer exec` the plugin does not wrap pacer's harness (that would measure
 * pacer, a ~30 MB Bun process); it replaces it with a shell script that runs each target `rounds`
 * times under `pacer __rusage`, a tiny C helper that forks the target and reports what wait4(2) saw
 * (so pacer's own RSS is not inherited). Under `pacer run` it wraps the command once.
 *
 * Everything `collect` needs is written into the profile folder (`cpu-time/targets.json` and one
 * JSON per round), so `pacer analyze`, `pacer upload --profile-folder` and a results server can read
 * a folder of this mode long after the run, without the run's state.
 *
 * A plugin file loaded by the compiled pacer cannot import packages: types only, values via the
 * context (`ctx.toolkit`, `ctx.libs`, `ctx.selfCommand`). Node's built-in modules are available.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchmarkResult, CollectContext, InstrumentPlugin, Measurement, ModeSpec, PluginContext } from "../../src/index.ts";

interface Options {
  /** Runs of each target (a run under `pacer run` is always one). */
  rounds: number;
}

/** What the run leaves in `<profile>/cpu-time/targets.json`: enough to read the rounds offline. */
interface Manifest {
  rounds: number;
  targets: Array<{ name: string; uri: string }>;
}

const DIR = "cpu-time";
const round = (t: number, r: number): string => `${t}-${r}.json`;

export const mode: ModeSpec = {
  name: "cpu-time",
  executor: "cpu-time",
  // The plugin runs the targets itself (see above): no FIFO, no integration protocol.
  harness: "analysis",
  integration: "none",
  headline: {
    metric: "cpu_time",
    keys: ["cpu_time"],
    scale: 1,
    column: { key: "cpu_time", label: "CPU time", unit: "seconds" },
    statistic: "mean user + system CPU time of one run, from wait4(2)",
  },
  metrics: {
    // CPU time varies from run to run: Welch's t-test on the rounds, like walltime.
    cpu_time: {
      compare: "statistical", better: "lower", gate: true, shown: true,
      stats: { mean: "cpu_time", stdev: "cpu_time_stdev", rounds: "rounds", scale: 1 },
      export: { bencher: "cpu-time", scale: 1e9 },
    },
    // Runs per CPU-second: the same measurement read as a throughput, where higher is better.
    runs_per_cpu_s: { compare: "exact", better: "higher", gate: true, shown: true, export: { bencher: "runs-per-cpu-second" } },
    max_rss: { compare: "exact", better: "lower", shown: true, export: { bencher: "max-rss", scale: 1 } },
  },
  recognizes: ({ top }) => top.includes(DIR),
};

/** Reads one `__rusage` report, checked with the valibot pacer hands over. */
function readUsage(ctx: CollectContext<Options>, path: string): { userCpuUs: number; systemCpuUs: number; maxRssBytes: number } {
  const v = ctx.libs.valibot;
  const n = v.pipe(v.number(), v.integer(), v.minValue(0));
  return v.parse(v.object({ userCpuUs: n, systemCpuUs: n, maxRssBytes: n }), JSON.parse(readFileSync(path, "utf8")));
}

function readManifest(ctx: CollectContext<Options>, folder: string): Manifest | undefined {
  const v = ctx.libs.valibot;
  let text: string;
  try {
    text = readFileSync(join(folder, "targets.json"), "utf8");
  } catch {
    return undefined; // not a folder this plugin ran in
  }
  const schema = v.object({ rounds: v.pipe(v.number(), v.integer(), v.minValue(1)), targets: v.array(v.object({ name: v.string(), uri: v.string() })) });
  return v.parse(schema, JSON.parse(text));
}

/** Mean and sample standard deviation of the rounds of one target. */
export function summarize(cpuSeconds: number[], maxRss: number[]): BenchmarkResult["metrics"] {
  const n = cpuSeconds.length;
  const mean = cpuSeconds.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? cpuSeconds.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return {
    cpu_time: mean,
    cpu_time_stdev: Math.sqrt(variance),
    rounds: n,
    runs_per_cpu_s: mean > 0 ? 1 / mean : null,
    max_rss: Math.max(...maxRss),
  };
}

/** The commands to run and where their reports go; written before the run so collect needs only the folder. */
function plan(ctx: PluginContext<Options>): { manifest: Manifest; argvs: string[][] } {
  if (ctx.plan.kind === "exec") {
    return {
      manifest: { rounds: ctx.options.rounds, targets: ctx.plan.targets.map((t) => ({ name: t.name, uri: t.uri })) },
      argvs: ctx.plan.targets.map((t) => t.argv),
    };
  }
  return { manifest: { rounds: 1, targets: [{ name: "whole command", uri: "cpu-time::whole-command" }] }, argvs: [] };
}

const plugin: InstrumentPlugin<Options> = {
  name: "cpu-time",
  apiVersion: 1,
  version: "1.0.0",
  mode,
  options: (v) => v.object({ rounds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 5) }),

  probe(ctx) {
    return {
      status: ctx.system.kernel ? "supported" : "unsupported",
      features: { wait4: { enabled: true, value: "user + system CPU time and max RSS of each run" } },
      reasons: ctx.system.kernel ? [] : ["wait4(2) resource usage needs Linux"],
    };
  },

  wrap(cmd, ctx) {
    const folder = join(ctx.profileFolder, DIR);
    mkdirSync(folder, { recursive: true });
    const { manifest, argvs } = plan(ctx);
    writeFileSync(join(folder, "targets.json"), JSON.stringify(manifest));
    const rusage = (out: string, argv: string[]): string[] => [...ctx.selfCommand, "__rusage", join(folder, out), "--", ...argv];
    if (ctx.plan.kind !== "exec") return { ...cmd, argv: rusage(round(0, 0), cmd.argv) };
    // Replaces pacer's harness: each target, `rounds` times, stopping at the first failure.
    const q = ctx.toolkit.shellQuote;
    const lines = argvs.flatMap((argv, t) => Array.from({ length: manifest.rounds }, (_, r) => q(rusage(round(t, r), argv))));
    return { ...cmd, argv: ["sh", "-ec", lines.join("\n")] };
  },

  collect(ctx): Measurement | undefined {
    const folder = join(ctx.profileFolder, DIR);
    const manifest = readManifest(ctx, folder);
    if (!manifest) return undefined;
    const benchmarks = manifest.targets.map((t, i): BenchmarkResult => {
      const usages = Array.from({ length: manifest.rounds }, (_, r) => readUsage(ctx, join(folder, round(i, r))));
      const metrics = summarize(usages.map((u) => (u.userCpuUs + u.systemCpuUs) / 1e6), usages.map((u) => u.maxRssBytes));
      return { name: t.name, uri: t.uri, metrics };
    });
    return {
      instrument: "cpu-time",
      title: "CPU Time",
      columns: [
        { key: "cpu_time", label: "CPU time", unit: "seconds" },
        { key: "cpu_time_stdev", label: "Std dev", unit: "seconds" },
        { key: "runs_per_cpu_s", label: "Runs per CPU-second", unit: "count" },
        { key: "max_rss", label: "Max RSS", unit: "bytes" },
        { key: "rounds", label: "Rounds", unit: "count" },
      ],
      benchmarks,
      notes: [`User + system CPU time from wait4(2), mean of ${manifest.rounds} run(s) of each benchmark, outside pacer's harness`],
    };
  },
};

export default plugin;
