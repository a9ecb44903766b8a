/**
 * The files `pacer plugin init <name>` writes: a typed plugin that runs as is, and the tsconfig that
 * typechecks it against the shipped `pacer-plugin.d.ts`.
 *
 * @module
 */

/** A plugin that joins every run and reports how long the benchmark command ran. */
export function pluginSource(name: string): string {
  const title = name.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ");
  return `/**
 * ${title}: a pacer instrument plugin. Run it with
 *   pacer exec --plugin ./${name}.ts -- sleep 0.1
 * Typecheck it with \`npx tsc -p .\` (types from pacer-plugin.d.ts, no packages needed).
 * It may import types only: values come from the context (ctx.toolkit, ctx.libs, ctx.exec).
 */
import type { InstrumentPlugin, Measurement } from "pacer";

interface Options {
  /** Also log the numbers. */
  verbose: boolean;
}

/** This run's state, created by \`start\` and handed to the later hooks. */
interface State {
  startedNs: bigint;
}

const plugin: InstrumentPlugin<Options, State> = {
  name: ${JSON.stringify(name)},
  apiVersion: 1,
  version: "0.1.0",
  // Add \`mode: { name, harness, integration, metrics, … }\` (a ModeSpec) to make \`--mode\` select it.
  options: (v) => v.object({ verbose: v.optional(v.boolean(), false) }),

  probe() {
    return { status: "supported", features: {}, reasons: [] };
  },

  start(ctx) {
    return { startedNs: ctx.monotonicNs() };
  },

  wrap(cmd, ctx, state) {
    if (ctx.options.verbose) ctx.log.info(\`running \${ctx.toolkit.shellQuote(cmd.argv)} (started at \${state.startedNs} ns)\`);
    return cmd;
  },

  // Works from the profile folder alone: \`state\` is undefined when pacer reads an old folder.
  collect(ctx, outcome): Measurement {
    if (ctx.options.verbose) ctx.log.info(\`the command ran \${outcome.wallTimeMs.toFixed(1)} ms\`);
    return {
      instrument: ${JSON.stringify(name)},
      title: ${JSON.stringify(title)},
      columns: [{ key: "wall_time", label: "Wall time", unit: "seconds" }],
      benchmarks: [{ name: "whole command", uri: ${JSON.stringify(`${name}::whole-command`)}, metrics: { wall_time: outcome.wallTimeMs / 1e3 } }],
    };
  },

  teardown(ctx, _state, ended) {
    if (ended.status !== "ok") ctx.log.debug(\`run ended: \${ended.status}\`);
  },
};

export default plugin;
`;
}

/** Typechecks the plugin against the shipped declarations only (no @types, no node_modules). */
export function tsconfigSource(name: string): string {
  const config = {
    compilerOptions: { target: "ESNext", module: "ESNext", moduleResolution: "bundler", lib: ["ESNext"], types: [], strict: true, noEmit: true },
    files: ["pacer-plugin.d.ts", `${name}.ts`],
  };
  return JSON.stringify(config, null, 2) + "\n";
}
