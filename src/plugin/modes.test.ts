import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { BUILTIN_MODES } from "./builtin-modes.ts";
import { loadUserPlugin } from "./load.ts";
import { executorOf, resolveMode, specOf, wireNameOf } from "./modes.ts";

const fixtures = join(import.meta.dir, "../../test/fixtures/plugins");

describe("the mode registry", () => {
  test("an alias resolves to its mode with a deprecation warning", () => {
    const warnings: string[] = [];
    const spec = resolveMode("instrumentation", BUILTIN_MODES, (w) => warnings.push(w));
    expect(spec.name).toBe(BUILTIN_MODES[0]!.name);
    expect(warnings).toEqual([`The "instrumentation" mode is deprecated: use "${spec.name}"`]);
    expect([wireNameOf(spec), executorOf(spec)]).toEqual(["instrumentation", "valgrind"]);
  });

  test("an unknown mode is a usage error with a did-you-mean and the list", () => {
    expect(() => resolveMode("waltime", BUILTIN_MODES)).toThrow('Unknown mode "waltime", did you mean "walltime"?');
    try {
      resolveMode("warp-speed", BUILTIN_MODES);
    } catch (err) {
      expect(err).toMatchObject({ code: "E_USAGE", hint: expect.stringContaining("Use one of: simulation, walltime, memory") });
    }
  });

  test("a bare mode name gets the defaults, honouring the old integrationMode", () => {
    expect(specOf({ mode: "cpu", integrationMode: "analysis" })).toEqual({ name: "cpu", harness: "analysis", integration: "analysis", metrics: {} });
    expect(specOf({})).toBeUndefined();
  });

  test("a user plugin's ModeSpec is checked on load, naming the key inside it", async () => {
    expect(loadUserPlugin({ path: "bad-mode.ts" }, fixtures)).rejects.toThrow('Cannot load plugin "bad-mode.ts": missing key "mode.harness"');
    expect(specOf(await loadUserPlugin({ path: "score-mode.ts" }, fixtures))?.name).toBe("score");
  });
});
