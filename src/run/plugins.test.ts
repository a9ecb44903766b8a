import { expect, test } from "bun:test";
import { validatePluginOptions } from "../plugin/context.ts";
import { instrumentOptionWarnings, loadAllPlugins } from "./plugins.ts";

// The real built-in plugins (all three declare options), and one like a user plugin that declares none.
const builtins = await loadAllPlugins([], process.cwd());
const simulation = builtins.find((p) => p.plugin.name === "simulation")!;
const bare = { ...simulation, plugin: { ...simulation.plugin, name: "bare", options: undefined } };
const withBare = [...builtins, bare];

test.each([
  [{ walltme: { perf: false } }, [`Ignoring "instruments.walltme": no loaded plugin is named "walltme", did you mean "walltime"?`]],
  [{ "cpu-time": {} }, [`Ignoring "instruments.cpu-time": no loaded plugin is named "cpu-time", loaded: "simulation", "walltime", "memory", "bare"`]],
  [{ bare: { perf: false } }, [`Ignoring "instruments.bare": plugin "bare" takes no options`]],
  [{ simulation: { excludeAllocations: true } }, []],
  [{ walltime: { perf: false } }, []],
  [{ walltime: {}, simulation: {} }, []],
  [{ memory: { capacity: 1000 } }, []],
])("instruments %j ⇒ %j", (section, warnings) => {
  expect(instrumentOptionWarnings(withBare, section)).toEqual(warnings);
});

test("options given beside a plugin that takes none are warned about", () => {
  expect(instrumentOptionWarnings([{ ...bare, source: "./w.ts", options: { verbose: true } }], {})).toEqual([
    `Ignoring the options given to plugin "bare" (./w.ts): it takes no options`,
  ]);
});

test("a typo inside a plugin's options is an error with a did-you-mean, though the plugin's schema is not strict", () => {
  const memory = builtins.find((p) => p.plugin.name === "memory")!.plugin;
  expect(() => validatePluginOptions(memory, { capacty: 10 }, "builtin")).toThrow(
    `Invalid options for plugin "memory" (builtin): capacty: unknown key, did you mean "capacity"?`,
  );
  expect(validatePluginOptions(memory, { capacity: 10 }, "builtin")).toMatchObject({ capacity: 10 });
});
