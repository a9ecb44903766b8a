/**
 * The shipped plugin types work for a plugin written outside this repository: the generated
 * `pacer-plugin.d.ts` alone (no node_modules, no @types) typechecks a plugin in a temp folder, and
 * still rejects a wrong one.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writePluginDts } from "./plugin-dts.ts";

const ROOT = resolve(import.meta.dir, "..");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pacer-plugin-types-"));
  writePluginDts(join(dir, "pacer-plugin.d.ts"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ESNext", module: "ESNext", moduleResolution: "bundler", lib: ["ESNext"], types: [], strict: true, noEmit: true },
    files: ["pacer-plugin.d.ts", "plugin.ts"],
  }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsc(source: string): { code: number; out: string } {
  writeFileSync(join(dir, "plugin.ts"), source);
  const p = Bun.spawnSync([join(ROOT, "node_modules/.bin/tsc"), "-p", dir], { cwd: dir });
  return { code: p.exitCode, out: `${p.stdout}${p.stderr}` };
}

test("a plugin outside the repository typechecks against the shipped declarations", () => {
  const ok = tsc(`
import type { InstrumentPlugin, Measurement } from "pacer";
const plugin: InstrumentPlugin<{ verbose: boolean }> = {
  name: "outside",
  apiVersion: 1,
  options: (v) => v.object({ verbose: v.optional(v.boolean(), false) }),
  probe: (ctx) => ({ status: ctx.options.verbose ? "supported" : "degraded", features: {}, reasons: [] }),
  collect(): Measurement {
    return { instrument: "outside", title: "Outside", columns: [{ key: "n", label: "N", unit: "count" }], benchmarks: [] };
  },
};
export default plugin;
`);
  expect(ok.out).toBe("");
  expect(ok.code).toBe(0);
}, 120_000);

test("the shipped declarations reject a wrong plugin", () => {
  const bad = tsc(`
import type { InstrumentPlugin } from "pacer";
const plugin: InstrumentPlugin = { name: "bad", apiVersion: 1, probe: () => ({ status: "maybe", features: {}, reasons: [] }) };
export default plugin;
`);
  expect(bad.code).not.toBe(0);
  expect(bad.out).toContain("plugin.ts");
  expect(bad.out).toContain('"maybe"');
}, 120_000);

test("the example mode plugin typechecks outside the repository, importing from \"pacer\"", () => {
  // It imports node:fs, so this one config adds @types/node (from the repository, as a user would install it).
  const src = readFileSync(join(ROOT, "examples/plugins/cpu-time.ts"), "utf8").replace('"../../src/index.ts"', '"pacer"');
  expect(src).toContain('from "pacer"');
  writeFileSync(join(dir, "cpu-time.ts"), src);
  writeFileSync(join(dir, "tsconfig.node.json"), JSON.stringify({
    compilerOptions: { target: "ESNext", module: "ESNext", moduleResolution: "bundler", lib: ["ESNext"], strict: true, noEmit: true, typeRoots: [join(ROOT, "node_modules/@types")], types: ["node"] },
    files: ["pacer-plugin.d.ts", "cpu-time.ts"],
  }));
  const p = Bun.spawnSync([join(ROOT, "node_modules/.bin/tsc"), "-p", join(dir, "tsconfig.node.json")], { cwd: dir });
  expect(`${p.stdout}${p.stderr}`).toBe("");
  expect(p.exitCode).toBe(0);
}, 120_000);
