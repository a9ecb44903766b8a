import { describe, expect, test } from "bun:test";
import { VERSION } from "../../src/version.ts";
import { runPacer } from "../helpers/pacer.ts";

describe("CLI usage errors are one clear line and exit 2", () => {
  test.each([
    [["run", "--mode", "walltime", "--bogus", "--", "true"], 'Invalid arguments for "pacer run": Unknown option \'--bogus\''],
    [["exec", "--mode", "walltime"], "No command given to benchmark"],
    [["run", "--mode", "warp-speed", "--", "true"], 'Unknown mode "warp-speed"'],
    [["exec", "--max-rounds", "ten", "--", "true"], 'Invalid --max-rounds "ten"'],
    [["frobnicate"], 'Unknown command "frobnicate"'],
  ])("pacer %p", async (args, message) => {
    const r = await runPacer(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.split("\n")[0]).toContain(message);
  });
});

describe("config errors name the file on their first line and exit 1, never as an unexpected error", () => {
  const dir = "test/fixtures/configs";
  test.each([
    [`${dir}/missing.yml`, `Cannot load config "${dir}/missing.yml": file not found`],
    [dir, `Cannot load config "${dir}": not a file`],
    [`${dir}/invalid/unknown-keys.yml`, `Invalid config "${dir}/invalid/unknown-keys.yml": 4 problems`],
    [`${dir}/invalid/yaml-syntax.yml`, `Cannot parse config "${dir}/invalid/yaml-syntax.yml"`],
  ])("pacer runs --config %p", async (config, message) => {
    const r = await runPacer(["runs", "--config", config]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toContain(message);
    expect(r.stderr).not.toContain("Unexpected error");
  });
});

test("--version prints the package version", async () => {
  const r = await runPacer(["--version"]);
  expect(r).toMatchObject({ code: 0, stdout: `pacer ${VERSION}\n` });
});

test("--help lists the commands", async () => {
  const r = await runPacer(["--help"]);
  expect(r.code).toBe(0);
  for (const c of ["run", "exec", "setup", "doctor", "upload", "auth", "compare"]) expect(r.stdout).toContain(`  ${c} `);
});

test("the deprecated instrumentation mode warns and means simulation", async () => {
  const { parseModes } = await import("../../src/commands/_shared/run-flags.ts");
  expect(parseModes("instrumentation,walltime", undefined, false)).toEqual(["simulation", "walltime"]);
});
