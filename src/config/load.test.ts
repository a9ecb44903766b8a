import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PacerError } from "../errors.ts";
import { MAX_CONFIG_BYTES, loadConfig } from "./load.ts";

const FIXTURES = resolve(import.meta.dir, "../../test/fixtures/configs");

async function loadError(file: string): Promise<PacerError> {
  try {
    await loadConfig({ explicitPath: file, cwd: FIXTURES });
  } catch (err) {
    if (err instanceof PacerError) return err;
    throw err;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe("loadConfig() rejects invalid files with the file, key path and expected form", () => {
  test("a missing --config file is an error naming it", async () => {
    const err = await loadError("nope/pacer.yml");
    expect(err.code).toBe("E_CONFIG");
    expect(err.message).toBe(`Cannot load config "nope/pacer.yml": file not found`);
    expect(err.hint).toContain("--config");
  });

  test.each([
    ["invalid/negative-rounds.yml", ["benchmarks.0.options.max-rounds", "expected an integer >= 0", "got -1"]],
    ["invalid/float-rounds.yml", ["options.min-rounds", "an integer >= 0", "got 2.5"]],
    ["invalid/bad-duration.yml", ["options.warmup-time", `a duration such as "1s"`, `got "fast"`]],
    ["invalid/missing-exec.yml", ["benchmarks.0.exec", "missing required key", "Command to benchmark"]],
    ["invalid/unclosed-quote.yml", ["benchmarks.0.exec", "without an unclosed quote"]],
    ["invalid/empty-exec.yml", ["benchmarks.0.exec", "not an empty one"]],
    ["invalid/bad-plugin.yml", ["plugins.0", `expected "./plugin.ts" or ["./plugin.ts", { options }]`]],
    ["invalid/options-list.yml", ["options: expected a mapping of working-directory", "got a list"]],
    ["invalid/root-list.yml", ["top level: expected a mapping of options, benchmarks", "got a list"]],
    ["invalid/bad-history.yml", ["history.enabled", "expected true or false", `got "yes please"`]],
    ["invalid/bad-instruments.yml", ["instruments.walltime", "expected a mapping of option names to values"]],
    ["invalid/min-time-max-rounds.yml", ["Invalid walltime configuration in root options: cannot use both min_time and max_rounds"]],
    ["invalid/max-time-min-rounds.yml", ["Invalid walltime configuration in root options: cannot use both max_time and min_rounds"]],
    ["invalid/min-above-max.yml", ["benchmarks.0.options", "min-time (2s) is greater than max-time (1s)"]],
    ["invalid/several-problems.yml", ["2 problems", "options.max-rounds", "benchmarks.0.exec", "got 42"]],
    [
      "invalid/unknown-keys.yml",
      [
        "4 problems",
        `targets: unknown key: it was renamed to "benchmarks" in CodSpeed 4.10`,
        `options.max_rounds: unknown key, did you mean "max-rounds"?`,
        `options.colour: unknown key (expected one of "working-directory", "warmup-time"`,
        `benchmarks.0.extra: unknown key (expected one of "name", "exec", "options")`,
      ],
    ],
  ])("%s", async (file, parts) => {
    const err = await loadError(file);
    expect(err.code).toBe("E_CONFIG");
    expect(err.message).toContain(`Invalid config "${file}"`);
    for (const part of parts) expect(err.message).toContain(part);
    expect(err.hint).toContain(file);
  });

  test("a file larger than a config can be is refused before it is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-big-config-"));
    try {
      writeFileSync(join(dir, "pacer.yml"), "# x\n".repeat(MAX_CONFIG_BYTES / 4 + 1));
      const err = await loadConfig({ explicitPath: "pacer.yml", cwd: dir }).then(() => undefined, (e: unknown) => e as PacerError);
      expect(err?.message).toBe(`Cannot load config "pacer.yml": it is ${MAX_CONFIG_BYTES + 4} bytes, more than a config file can be (${MAX_CONFIG_BYTES})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ["invalid/yaml-syntax.yml", "at line 3, column 1"],
    ["invalid/duplicate-key.yml", "Map keys must be unique at line 3, column 1"],
  ])("%s is a YAML error with its position", async (file, position) => {
    const err = await loadError(file);
    expect(err.code).toBe("E_CONFIG");
    expect(err.message).toStartWith(`Cannot parse config "${file}": `);
    expect(err.message).toContain(position);
  });
});

describe("loadConfig() accepts valid files", () => {

  test("an empty file gives the defaults", async () => {
    const loaded = await loadConfig({ explicitPath: "valid/empty.yml", cwd: FIXTURES });
    expect(loaded).toEqual({
      path: join(FIXTURES, "valid/empty.yml"),
      dir: join(FIXTURES, "valid"),
      config: { options: {}, benchmarks: [], plugins: [], instruments: {}, thresholds: undefined, history: {}, server: {} },
      warnings: [],
    });
  });

  test("CodSpeed's example: working-directory resolved against the file, durations in ns, exec split", async () => {
    const { config, warnings } = await loadConfig({ explicitPath: join(FIXTURES, "valid/codspeed-example.yml"), cwd: "/tmp" });
    expect(warnings).toEqual([]);
    expect(config.options).toEqual({
      workingDirectory: join(FIXTURES, "valid/bench"),
      warmupTimeNs: 1e9,
      maxTimeNs: 5e9,
      maxRounds: 50,
    });
    expect(config.benchmarks).toEqual([
      { name: "sleep-short", exec: "sleep 0.01", argv: ["sleep", "0.01"], options: {} },
      {
        exec: `node -e "for (let i = 0; i < 1e5; i++);"`,
        argv: ["node", "-e", "for (let i = 0; i < 1e5; i++);"],
        options: { maxRounds: 20, warmupTimeNs: 0 },
      },
    ]);
  });

  test("pacer keys: plugins normalised to absolute paths, instruments and thresholds kept as written", async () => {
    const { config } = await loadConfig({ explicitPath: join(FIXTURES, "valid/pacer-full.yml"), cwd: "/" });
    const dir = join(FIXTURES, "valid");
    expect(config.plugins).toEqual([
      { specifier: "./plugins/echo.ts", path: join(dir, "plugins/echo.ts"), options: {} },
      { specifier: "../shared/other-plugin.ts", path: join(FIXTURES, "shared/other-plugin.ts"), options: { verbose: true } },
    ]);
    expect(config.instruments).toEqual({ walltime: { perf: false }, memory: {} });
    expect(config.thresholds).toEqual({ default: "5%", benchmarks: { parse: { "walltime.time": "10%" } } });
    expect(config.history).toEqual({ path: join(dir, ".pacer/history"), enabled: true });
    expect(config.benchmarks[0]?.argv).toEqual(["./parse", "--input", "data set.json"]);
    expect(config.options).toEqual({ minTimeNs: 5e8, minRounds: 5 });
  });

  test("durations: bare numbers are seconds, humantime parts add up", async () => {
    const { config } = await loadConfig({ explicitPath: "valid/durations.yml", cwd: FIXTURES });
    expect(config.options).toEqual({ warmupTimeNs: 5e8, maxTimeNs: 90e9 });
    expect(config.benchmarks[0]?.options).toEqual({ warmupTimeNs: 2.5e8, maxTimeNs: 2e9, minTimeNs: 10_000 });
  });
});

describe("loadConfig() warnings", () => {
  test("CodSpeed's removed `mode` key is ignored with a warning", async () => {
    const loaded = await loadConfig({ explicitPath: "warnings/mode.yml", cwd: FIXTURES });
    expect(loaded.config.benchmarks).toHaveLength(1);
    expect(loaded.warnings).toEqual([
      `warnings/mode.yml: Ignoring "mode": the mode is not configurable in the file (CodSpeed removed the key in 4.10): pass --mode`,
    ]);
  });

  test("duplicate benchmark names and plugins are warnings", async () => {
    const loaded = await loadConfig({ explicitPath: "warnings/duplicate-names.yml", cwd: FIXTURES });
    expect(loaded.warnings).toEqual([
      `warnings/duplicate-names.yml: benchmarks.1: duplicate benchmark name "sleep 0.01" (same as benchmarks.0): give each a distinct "name"`,
      `warnings/duplicate-names.yml: plugins.1: plugin "./p.ts" is listed more than once`,
    ]);
  });
});

describe("loadConfig() server", () => {
  test("server.url is read", async () => {
    const { config } = await loadConfig({ explicitPath: "valid/server.yml", cwd: FIXTURES });
    expect(config.server).toEqual({ url: "https://bench.example.com" });
  });

  test("a token in the config file is refused without echoing it", async () => {
    const err = await loadError("invalid/server-token.yml");
    expect(err.code).toBe("E_CONFIG");
    expect(err.message).toContain("server.token: a token does not belong in the config file");
    expect(`${err.message} ${err.hint ?? ""}`).not.toContain("do-not-commit-me");
  });
});
