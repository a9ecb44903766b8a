import { expect, test } from "bun:test";
import { configTargets } from "./targets.ts";
import { validateConfig } from "./validate.ts";

function config(raw: unknown) {
  const r = validateConfig(raw, "/repo");
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.config;
}

test("configTargets() merges target options over root options field by field and names by command", () => {
  const c = config({
    options: { "working-directory": "bench", "warmup-time": "1s", "max-rounds": 50 },
    benchmarks: [{ exec: "sleep 0.01" }, { name: "fast", exec: "'./run fast'", options: { "max-rounds": 5 } }],
  });
  expect(configTargets(c)).toEqual([
    { name: "sleep 0.01", uri: "exec_harness::sleep 0.01", argv: ["sleep", "0.01"], walltime: { warmupTimeNs: 1e9, maxRounds: 50 } },
    { name: "fast", uri: "exec_harness::fast", argv: ["./run fast"], walltime: { warmupTimeNs: 1e9, maxRounds: 5 } },
  ]);
});

test("configTargets() gives no targets for a config without benchmarks", () => {
  expect(configTargets(config({}))).toEqual([]);
});
