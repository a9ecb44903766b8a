/**
 * Runs plugin hooks with the combination rule of each hook kind (see `HOOK_KINDS`), wrapping every
 * call so that an error or a hang names the plugin and the hook.
 *
 * @module
 */
import { PacerError, PluginError, errorMessage } from "../errors.ts";
import { checkCommand, checkProbeResult } from "./hook-results.ts";
import { checkMeasurement } from "./measurement-schema.ts";
import type {
  BenchmarkEvent,
  Command,
  HookName,
  InstrumentPlugin,
  Measurement,
  PluginContext,
  ProbeResult,
  RunOutcome,
} from "./types.ts";

/** A plugin with the context it runs with. */
export interface LoadedPlugin {
  plugin: InstrumentPlugin<unknown>;
  ctx: PluginContext<unknown>;
  /** Where it came from: `builtin` or the file path. */
  source: string;
}

const DEFAULT_TIMEOUTS: Record<HookName, number> = {
  probe: 30_000,
  setup: 15 * 60_000,
  wrap: 30_000,
  // The integration waits 1 s for each answer: a slower hook would desynchronise it. All plugins'
  // hooks for one event run in parallel, so this is the whole event's budget.
  onBenchmark: 500,
  collect: 15 * 60_000,
  teardown: 60_000,
};

function timeoutFor(hook: HookName): number {
  const override = Number(process.env.PACER_HOOK_TIMEOUT_MS);
  return hook !== "onBenchmark" && override > 0 ? override : DEFAULT_TIMEOUTS[hook];
}

/** Calls one hook of one plugin; any throw or a timeout becomes a {@link PluginError}. */
export async function callHook<T>(p: LoadedPlugin, hook: HookName, fn: () => T | Promise<T>): Promise<T> {
  const ms = timeoutFor(hook);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PluginError(p.plugin.name, hook, `did not finish within ${ms} ms`, {
            hint: `Check the "${hook}" hook of plugin "${p.plugin.name}" (${p.source}) for a promise that never settles`,
          }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), hang]);
  } catch (err) {
    if (err instanceof PluginError) throw err;
    throw new PluginError(p.plugin.name, hook, errorMessage(err), {
      cause: err,
      hint: (err as { hint?: string }).hint,
      pluginCode: err instanceof PacerError ? err.code : undefined,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** `pre` plugins first, then plugins in declaration order, then `post`. */
export function sortPlugins(plugins: LoadedPlugin[]): LoadedPlugin[] {
  const rank = (p: LoadedPlugin) => (p.plugin.enforce === "pre" ? 0 : p.plugin.enforce === "post" ? 2 : 1);
  return [...plugins].sort((a, b) => rank(a) - rank(b));
}

/** Probes every plugin in parallel; a throwing probe counts as `unsupported`, never as a crash. */
export async function runProbe(plugins: LoadedPlugin[]): Promise<Map<string, ProbeResult>> {
  const results = await Promise.all(
    plugins.map(async (p): Promise<[string, ProbeResult]> => {
      try {
        const value: unknown = await callHook(p, "probe", () => p.plugin.probe(p.ctx));
        return [p.plugin.name, checkProbeResult(p.plugin.name, value)];
      } catch (err) {
        return [p.plugin.name, { status: "unsupported", features: {}, reasons: [errorMessage(err)] }];
      }
    }),
  );
  return new Map(results);
}

/** Runs `setup` of each plugin in turn. */
export async function runSetup(plugins: LoadedPlugin[], probes: Map<string, ProbeResult>): Promise<void> {
  for (const p of plugins) {
    const probed = probes.get(p.plugin.name);
    if (!p.plugin.setup || !probed) continue;
    await callHook(p, "setup", () => p.plugin.setup!(p.ctx, probed));
  }
}

/** Each plugin wraps the command the previous one returned. */
export async function reduceWrap(plugins: LoadedPlugin[], base: Command): Promise<Command> {
  let cmd = base;
  for (const p of plugins) {
    if (!p.plugin.wrap) continue;
    const current = cmd;
    const next: unknown = await callHook(p, "wrap", () => p.plugin.wrap!(current, p.ctx));
    cmd = checkCommand(p.plugin.name, next);
  }
  return cmd;
}

/** Plugins whose `onBenchmark` timed out once: later events skip them instead of waiting again. */
const slowPlugins = new WeakSet<LoadedPlugin>();

/**
 * Gives an integration event to every plugin, in parallel within one time budget; any `"err"` (or
 * failure) makes the reply `Err`. A plugin that times out is left out of later events, so one slow
 * plugin cannot push every answer past the client's 1 s limit.
 */
export async function dispatchEvent(
  plugins: LoadedPlugin[],
  event: BenchmarkEvent,
  onError: (err: unknown) => void,
): Promise<void | "err"> {
  const replies = await Promise.all(
    plugins
      .filter((p) => p.plugin.onBenchmark && !slowPlugins.has(p))
      .map(async (p): Promise<void | "err"> => {
        try {
          return await callHook(p, "onBenchmark", () => p.plugin.onBenchmark!(event, p.ctx));
        } catch (err) {
          if (err instanceof PluginError && /did not finish within/.test(err.message)) {
            slowPlugins.add(p);
            onError(new PluginError(p.plugin.name, "onBenchmark", `${err.message}; its later events are skipped`));
          } else onError(err);
          return "err";
        }
      }),
  );
  return replies.includes("err") ? "err" : undefined;
}

/**
 * Collects in parallel, checking each result against `MeasurementSchema`; failures (a throw, a hang,
 * a malformed result) are returned beside the successes for the caller to judge.
 */
export async function runCollect(
  plugins: LoadedPlugin[],
  outcome: RunOutcome,
): Promise<{ measurements: Measurement[]; failures: PluginError[] }> {
  const settled = await Promise.allSettled(
    plugins.map(async (p) => {
      if (!p.plugin.collect) return undefined;
      const value: unknown = await callHook(p, "collect", () => p.plugin.collect!(p.ctx, outcome));
      return checkMeasurement(p.plugin.name, value);
    }),
  );
  const measurements: Measurement[] = [];
  const failures: PluginError[] = [];
  for (const s of settled) {
    if (s.status === "fulfilled") {
      if (s.value) measurements.push(s.value);
    } else failures.push(s.reason as PluginError);
  }
  return { measurements, failures };
}

/** Tears down in reverse order; every teardown runs, errors are combined into one. */
export async function runTeardown(plugins: LoadedPlugin[]): Promise<void> {
  const errors: unknown[] = [];
  for (const p of [...plugins].reverse()) {
    if (!p.plugin.teardown) continue;
    try {
      await callHook(p, "teardown", () => p.plugin.teardown!(p.ctx));
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new PluginError("*", "teardown", `${errors.length} teardowns failed: ${errors.map(errorMessage).join("; ")}`, {
      cause: errors,
    });
  }
}
