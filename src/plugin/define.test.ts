import { expect, test } from "bun:test";
import { definePlugin } from "./define.ts";
import { resolvePlugin } from "./load.ts";

test("definePlugin keeps the types: start's state reaches the later hooks typed", async () => {
  const p = definePlugin({
    name: "typed",
    apiVersion: 1,
    options: (v) => v.object({ verbose: v.boolean() }),
    probe: () => ({ status: "supported", features: {}, reasons: [] }),
    start: () => ({ count: 0, label: "x" }),
    wrap: (cmd, ctx, state) => {
      const verbose: boolean = ctx.options.verbose;
      const count: number = state.count;
      // @ts-expect-error the state's `label` is a string, not a number
      const wrong: number = state.label;
      return { ...cmd, argv: [...cmd.argv, String(verbose), String(count), String(wrong)] };
    },
    teardown: (_ctx, state, ended) => {
      // @ts-expect-error state is undefined when start never ran
      const n: number = state.count;
      void n;
      void ended.status;
    },
  });
  const plugin = await resolvePlugin(p);
  expect(plugin.name).toBe("typed");
});
