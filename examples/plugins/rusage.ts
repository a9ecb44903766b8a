/**
 * An example user instrument: CPU time and peak memory (max RSS) of the benchmark command, from
 * wait4(2). Load it with `pacer exec --plugin examples/plugins/rusage.ts -- <cmd>` (or `pacer run`).
 *
 * A plugin file loaded by the compiled pacer cannot import packages: it uses type-only imports and
 * takes everything else from the context (`ctx.selfCommand`, `ctx.tempDir`, `ctx.plan`, `ctx.log`).
 *
 * Two things to know before copying it:
 * - Under `pacer exec`, `wrap` receives pacer's own harness (`[...selfCommand, "__harness",
 *   "<spec.json>"]`), a ~30 MB Bun process that runs each target many times (warmup, rounds, and
 *   no-op spawns timing its overhead). Wrapping it would measure pacer. So under exec this plugin
 *   leaves the command alone and, in `collect`, runs each target of `ctx.plan` once more, alone.
 * - A child keeps its parent's peak RSS across exec, so a command spawned by pacer reports at least
 *   pacer's ~30 MB. `pacer __rusage` avoids that (a tiny helper forks the command); do not measure
 *   with your own `ctx.exec` + `/proc` or wait4 of a Bun child.
 * - What `wrap` learns travels to `collect` in the plugin's own typed state, created by `start`.
 *   Read offline (no state), `collect` finds the `run` measurement in the profile folder; the exec
 *   one is measured after the run, so an exec folder read offline has nothing of this plugin.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchmarkResult, CollectContext, Command, InstrumentPlugin, PluginContext } from "../../src/index.ts";

interface Options {
  /** Also print a log line with the numbers. */
  verbose: boolean;
}

/** What `pacer __rusage <out.json> -- <cmd>` writes. */
interface Usage {
  exitCode: number;
  signal: number;
  userCpuUs: number;
  systemCpuUs: number;
  maxRssBytes: number;
}

/** This run's state: the command `wrap` got (under exec, where the harness would run the targets). */
interface State {
  /** The run's full context (collect gets only the folder part, enough offline). */
  run: PluginContext<Options>;
  cmd?: Command;
}

/** Under `pacer run`, `__rusage` writes here: in the profile folder, so `pacer analyze` reads it later. */
const OUT = "rusage.json";

/** Reads what `__rusage` wrote, checked with the valibot pacer hands over (plugins cannot import it). */
function readUsage(ctx: CollectContext<Options>, path: string): Usage {
  const v = ctx.libs.valibot;
  const n = v.pipe(v.number(), v.integer());
  const schema = v.object({ exitCode: n, signal: n, userCpuUs: n, systemCpuUs: n, maxRssBytes: n });
  return v.parse(schema, JSON.parse(readFileSync(path, "utf8")));
}

const rusageArgv = (ctx: PluginContext<Options>, out: string, argv: string[]): string[] => [
  ...ctx.selfCommand, "__rusage", out, "--", ...argv,
];

function row(name: string, uri: string, u: Usage, ctx: CollectContext<Options>): BenchmarkResult {
  if (ctx.options.verbose) ctx.log.info(`${name}: user ${u.userCpuUs} µs, system ${u.systemCpuUs} µs, max RSS ${u.maxRssBytes} B`);
  return { name, uri, metrics: { user_cpu: u.userCpuUs / 1e6, system_cpu: u.systemCpuUs / 1e6, max_rss: u.maxRssBytes } };
}

/** Runs one exec target alone under `__rusage`, where the harness would have run it. */
async function measureTarget(ctx: PluginContext<Options>, argv: string[], i: number, cmd: Command): Promise<Usage> {
  const out = join(ctx.tempDir, `target-${i}.json`);
  // pacer's environment, not cmd.env: other instruments may have put theirs there (LD_PRELOAD…).
  const r = await ctx.exec(rusageArgv(ctx, out, argv), { cwd: cmd.cwd, timeoutMs: 10 * 60_000 });
  if (r.spawnError) throw new Error(`cannot run pacer's __rusage helper: ${r.spawnError}`);
  if (r.code !== 0) throw new Error(`"${argv.join(" ")}" exited with code ${r.code} when run alone: ${r.stderr.trim()}`);
  return readUsage(ctx, out);
}

const plugin: InstrumentPlugin<Options, State> = {
  name: "rusage",
  apiVersion: 1,
  version: "2.0.0",
  // Outermost, so under `run` it measures everything the other instruments run.
  enforce: "post",
  options: (v) => v.object({ verbose: v.optional(v.boolean(), false) }),

  probe(ctx) {
    // wait4 is always there on Linux; say what we measure and where it comes from.
    return {
      status: ctx.system.kernel ? "supported" : "unsupported",
      features: { wait4: { enabled: true, value: "CPU time and max RSS of the benchmark command" } },
      reasons: [],
    };
  },

  start: (ctx) => ({ run: ctx }),

  wrap(cmd, ctx, state) {
    // Under exec, cmd is pacer's harness: keep where it runs the targets, measure them in collect.
    if (ctx.plan.kind === "exec") {
      state.cmd = cmd;
      return cmd;
    }
    return { ...cmd, argv: rusageArgv(ctx, join(ctx.profileFolder, OUT), cmd.argv) };
  },

  async collect(ctx, _outcome, state) {
    const columns = [
      { key: "user_cpu", label: "User CPU", unit: "seconds" },
      { key: "system_cpu", label: "System CPU", unit: "seconds" },
      { key: "max_rss", label: "Max RSS", unit: "bytes" },
    ] as const;
    const run = state?.run;
    const cmd = state?.cmd;
    // Only during the run (state is undefined offline): the targets are run again, alone.
    if (run && cmd && run.plan.kind === "exec") {
      const benchmarks: BenchmarkResult[] = [];
      for (const [i, t] of run.plan.targets.entries()) {
        // "whole command": the target and every descendant it waited for, one run of it.
        benchmarks.push(row(`${t.name} (whole command)`, `rusage::${t.uri}`, await measureTarget(run, t.argv, i, cmd), ctx));
      }
      return {
        instrument: "rusage",
        title: "Resource Usage",
        columns: [...columns],
        benchmarks,
        notes: ["Measured by wait4(2) on one extra run of each command, after the benchmark, outside pacer's harness"],
      };
    }
    if (!existsSync(join(ctx.profileFolder, OUT))) return undefined; // an exec run read offline
    const usage = readUsage(ctx, join(ctx.profileFolder, OUT));
    return {
      instrument: "rusage",
      title: "Resource Usage",
      columns: [...columns],
      benchmarks: [row("whole command", "rusage::whole-command", usage, ctx)],
      // enforce "post": the other instruments' tools (perf, valgrind) run inside this measurement.
      notes: ["Measured by wait4(2) around the wrapped command: every descendant it waited for, instrument tools (perf, valgrind) included"],
    };
  },
};

export default plugin;
