/**
 * Runs plugin hooks with the combination rule the hook table (`hooks.ts`) gives each hook, wrapping
 * every call so that an error or a hang names the plugin and the hook. Plugin state lives on the
 * {@link LoadedPlugin}: `start` creates it, later hooks receive it.
 *
 * @module
 */
import { PacerError, PluginError, errorMessage } from "../errors.ts";
import { checkCommand, checkProbeResult } from "./hook-results.ts";
import { HOOKS, hookTimeout, type HookKind, type HookName } from "./hooks.ts";
import { checkMeasurement } from "./measurement-schema.ts";
import { fullKey, invalidateProbeCache, probeCacheEnabled, readProbeCache, writeProbeCache } from "./probe-cache.ts";
import type { BenchmarkEvent, Command, InstrumentPlugin, Measurement, PluginContext, ProbeResult, RunEnd, RunOutcome } from "./types.ts";

/** A plugin with the context it runs with and the state its `start` created. */
export interface LoadedPlugin {
  plugin: InstrumentPlugin<unknown, unknown>;
  ctx: PluginContext<unknown>;
  /** Where it came from: `builtin` or the file path. */
  source: string;
  /** What `start` returned (undefined before, or when the plugin has no `start`). */
  state?: unknown;
}

/** Calls one hook of one plugin; any throw or a timeout becomes a {@link PluginError}. */
export async function callHook<T>(p: LoadedPlugin, hook: HookName, fn: () => T | Promise<T>): Promise<T> {
  const ms = hookTimeout(hook);
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

type Settled<T> = { p: LoadedPlugin; ok: true; value: T } | { p: LoadedPlugin; ok: false; error: unknown };
type Runner = <T>(plugins: LoadedPlugin[], hook: HookName, call: (p: LoadedPlugin) => T | Promise<T>) => Promise<Settled<T>[]>;

async function settle<T>(p: LoadedPlugin, hook: HookName, call: (p: LoadedPlugin) => T | Promise<T>): Promise<Settled<T>> {
  try {
    return { p, ok: true, value: await callHook(p, hook, () => call(p)) };
  } catch (error) {
    return { p, ok: false, error };
  }
}

/** Stops at the first failure: a later plugin must not build on a step that did not happen. */
const inTurn: Runner = async (plugins, hook, call) => {
  const out = [];
  for (const p of plugins) {
    const r = await settle(p, hook, call);
    out.push(r);
    if (!r.ok) break;
  }
  return out;
};

/** One runner per hook kind; `reduce` is `sequential` with the fold kept by the caller's closure. */
const RUNNERS: Record<HookKind, Runner> = {
  parallel: (plugins, hook, call) => Promise.all(plugins.map((p) => settle(p, hook, call))),
  sequential: inTurn,
  reduce: inTurn,
  // Every call runs, whatever the one before did: releasing must not stop at a failure.
  reverse: async (plugins, hook, call) => {
    const out = [];
    for (const p of [...plugins].reverse()) out.push(await settle(p, hook, call));
    return out;
  },
};

/** Calls `hook` of every plugin that has it, combined as the hook table says. */
function runHook<T>(hook: HookName, plugins: LoadedPlugin[], call: (p: LoadedPlugin) => T | Promise<T>): Promise<Settled<T>[]> {
  return RUNNERS[HOOKS[hook].kind](plugins.filter((p) => typeof p.plugin[hook] === "function"), hook, call);
}

function throwFirst<T>(results: Settled<T>[]): T[] {
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) throw failed.error;
  return results.flatMap((r) => (r.ok ? [r.value] : []));
}

/** `pre` plugins first, then plugins in declaration order, then `post`. */
export function sortPlugins<P extends { plugin: { enforce?: "pre" | "post" } }>(plugins: P[]): P[] {
  const rank = (p: P) => (p.plugin.enforce === "pre" ? 0 : p.plugin.enforce === "post" ? 2 : 1);
  return [...plugins].sort((a, b) => rank(a) - rank(b));
}

/**
 * How {@link runProbe} uses the probe cache: `use` reads a matching entry instead of probing and
 * stores fresh results; `refresh` always probes and stores (doctor, after setup); `off` neither.
 */
export type ProbeCacheMode = "use" | "refresh" | "off";

/** The plugin's full cache key, or undefined when it has none (or its `probeKey` failed). */
async function cacheKeyOf(p: LoadedPlugin): Promise<string | undefined> {
  if (typeof p.plugin.probeKey !== "function") return undefined;
  try {
    const key = await callHook(p, "probeKey", () => p.plugin.probeKey!(p.ctx));
    return typeof key === "string" ? fullKey(key, { runner: p.ctx.meta.runnerVersion, plugin: p.plugin.version }) : undefined;
  } catch {
    // A broken key function costs the cache, not the probe.
    return undefined;
  }
}

/** One plugin's probe, through the cache as `mode` says (unless PACER_PROBE_CACHE=0 turns it off). */
async function probeOne(p: LoadedPlugin, mode: ProbeCacheMode): Promise<ProbeResult> {
  const key = mode === "off" || !probeCacheEnabled() ? undefined : await cacheKeyOf(p);
  if (key && mode === "use") {
    const cached = readProbeCache(p.plugin.name, key);
    if (cached) {
      p.ctx.log.debug(`Probe result from the cache (${key})`);
      return cached;
    }
  }
  const result = checkProbeResult(p.plugin.name, await p.plugin.probe(p.ctx));
  // An unsupported result is not stored: the user is about to fix the machine.
  if (key && result.status !== "unsupported") writeProbeCache(p.plugin.name, key, result);
  return result;
}

/** Probes every plugin; a throwing or malformed probe counts as `unsupported`, never as a crash. */
export async function runProbe(plugins: LoadedPlugin[], cache: ProbeCacheMode = "off"): Promise<Map<string, ProbeResult>> {
  const results = await runHook("probe", plugins, (p) => probeOne(p, cache));
  return new Map(
    results.map((r): [string, ProbeResult] => [
      r.p.plugin.name,
      r.ok ? r.value : { status: "unsupported", features: {}, reasons: [errorMessage(r.error)] },
    ]),
  );
}

export async function runSetup(plugins: LoadedPlugin[], probes: Map<string, ProbeResult>): Promise<void> {
  const withProbe = plugins.filter((p) => probes.has(p.plugin.name));
  // Whatever setup changes, the cached probe results of these plugins no longer describe the machine.
  for (const p of withProbe) invalidateProbeCache(p.plugin.name);
  throwFirst(await runHook("setup", withProbe, (p) => p.plugin.setup!(p.ctx, probes.get(p.plugin.name)!)));
}

/** Creates each plugin's run state. */
export async function runStart(plugins: LoadedPlugin[]): Promise<void> {
  throwFirst(await runHook("start", plugins, async (p) => void (p.state = await p.plugin.start!(p.ctx))));
}

/** Each plugin wraps the command the previous one returned. */
export async function reduceWrap(plugins: LoadedPlugin[], base: Command): Promise<Command> {
  let cmd = base;
  throwFirst(await runHook("wrap", plugins, async (p) => void (cmd = checkCommand(p.plugin.name, await p.plugin.wrap!(cmd, p.ctx, p.state)))));
  return cmd;
}

/** Plugins whose `onBenchmark` timed out once: later events skip them instead of waiting again. */
const slowPlugins = new WeakSet<LoadedPlugin>();

/**
 * Gives an integration event to every plugin within one time budget; any `"err"` (or failure) makes
 * the reply `Err`. A plugin that times out is left out of later events, so one slow plugin cannot
 * push every answer past the client's 1 s limit.
 */
export async function dispatchEvent(
  plugins: LoadedPlugin[],
  event: BenchmarkEvent,
  onError: (err: unknown) => void,
): Promise<void | "err"> {
  const results = await runHook("onBenchmark", plugins.filter((p) => !slowPlugins.has(p)), (p) => p.plugin.onBenchmark!(event, p.ctx, p.state));
  let reply: void | "err" = undefined;
  for (const r of results) {
    if (r.ok) {
      if (r.value === "err") reply = "err";
      continue;
    }
    reply = "err";
    if (r.error instanceof PluginError && /did not finish within/.test(r.error.message)) {
      slowPlugins.add(r.p);
      onError(new PluginError(r.p.plugin.name, "onBenchmark", `${r.error.message}; its later events are skipped`));
    } else onError(r.error);
  }
  return reply;
}

/**
 * Collects, checking each result against `MeasurementSchema`; failures (a throw, a hang, a malformed
 * result) are returned beside the successes for the caller to judge. `offline`: the folder is read
 * without the run, so no state is passed.
 */
export async function runCollect(
  plugins: LoadedPlugin[],
  outcome: RunOutcome,
  offline = false,
): Promise<{ measurements: Measurement[]; failures: PluginError[]; by: Array<{ plugin: LoadedPlugin; measurement: Measurement }> }> {
  const results = await runHook("collect", plugins, async (p) =>
    checkMeasurement(p.plugin.name, await p.plugin.collect!(p.ctx, outcome, offline ? undefined : p.state)),
  );
  const by = results.flatMap((r) => (r.ok && r.value ? [{ plugin: r.p, measurement: r.value }] : []));
  return {
    by,
    measurements: by.map((x) => x.measurement),
    failures: results.flatMap((r) => (r.ok ? [] : [r.error as PluginError])),
  };
}

/** Tears down in reverse order; every teardown runs, errors are combined into one. */
export async function runTeardown(plugins: LoadedPlugin[], ended: RunEnd = { status: "ok" }): Promise<void> {
  const errors = (await runHook("teardown", plugins, (p) => p.plugin.teardown!(p.ctx, p.state, ended))).flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new PluginError("*", "teardown", `${errors.length} teardowns failed: ${errors.map(errorMessage).join("; ")}`, {
      cause: errors,
    });
  }
}
