import { expect, test } from "bun:test";
import { PacerError, PluginError } from "../errors.ts";
import { withExecHint } from "./exec-hint.ts";

const plan = { kind: "integration" as const, command: "sleep 0.01" };
const noResults = () => new PluginError("walltime", "collect", "The command did not produce any CodSpeed result", { pluginCode: "E_RESULTS", hint: "Pass --allow-empty" });

test("no integration and no results: the hint suggests pacer exec with the command", () => {
  const err = withExecHint(noResults(), plan, {}) as PluginError;
  expect(err).toBeInstanceOf(PluginError);
  expect(err.plugin).toBe("walltime");
  expect(err.hint).toStartWith("No CodSpeed integration spoke to pacer: to benchmark the command itself, run `pacer exec -- sleep 0.01`");
});

test("an integration that spoke, an exec plan or another error keep their hint", () => {
  expect((withExecHint(noResults(), plan, { integration: { name: "codspeed-node", version: "5" } }) as PacerError).hint).toBe("Pass --allow-empty");
  expect((withExecHint(noResults(), { kind: "exec", targets: [] }, {}) as PacerError).hint).toBe("Pass --allow-empty");
  expect((withExecHint(new PacerError("E_RUN", "boom", { hint: "h" }), plan, {}) as PacerError).hint).toBe("h");
});
