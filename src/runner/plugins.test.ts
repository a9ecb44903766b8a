import { expect, test } from "bun:test";
import { instrumentOptionWarnings, loadAllPlugins } from "./plugins.ts";

// The real built-in plugins: memory declares options, walltime and simulation declare none.
const builtins = await loadAllPlugins([], process.cwd());

test.each([
  [{ walltme: { perf: false } }, [`Ignoring "instruments.walltme": no loaded plugin is named "walltme", did you mean "walltime"?`]],
  [{ "cpu-time": {} }, [`Ignoring "instruments.cpu-time": no loaded plugin is named "cpu-time", loaded: "simulation", "walltime", "memory"`]],
  [{ walltime: { perf: false } }, [`Ignoring "instruments.walltime": plugin "walltime" takes no options`]],
  [{ walltime: {}, simulation: {} }, []],
  [{ memory: { tracker: "preload" } }, []],
])("instruments %j ⇒ %j", (section, warnings) => {
  expect(instrumentOptionWarnings(builtins, section)).toEqual(warnings);
});
