import { expect, test } from "bun:test";
import { defaultConfig } from "../../config/validate.ts";
import { targetsFromCli, targetsFromConfig, walltimeFromFlags } from "./exec-targets.ts";

test("CLI flags become nanoseconds and rounds", () => {
  expect(walltimeFromFlags({ "warmup-time": "0", "max-time": "1.5s", "max-rounds": "20" })).toEqual({
    warmupTimeNs: 0,
    maxTimeNs: 1_500_000_000,
    maxRounds: 20,
  });
});

test("exec: the name defaults to the command line and the URI follows exec-harness", () => {
  const [t] = targetsFromCli(["sleep", "0.01"], {}, { maxRounds: 3, workingDirectory: "/x" });
  expect(t).toEqual({ name: "sleep 0.01", uri: "exec_harness::sleep 0.01", argv: ["sleep", "0.01"], walltime: { maxRounds: 3 } });
});

test("config targets: CLI flags win over target options, which win over root options", () => {
  const config = defaultConfig("/repo");
  config.options = { maxRounds: 10, warmupTimeNs: 5 };
  config.benchmarks = [{ name: "a", exec: "true", argv: ["true"], options: { maxRounds: 20 } }];
  const [t] = targetsFromConfig(config, { "warmup-time": "1s" });
  expect(t!.walltime).toEqual({ maxRounds: 20, warmupTimeNs: 1_000_000_000 });
  expect(t!.uri).toBe("exec_harness::a");
});

test("--quick's preset sits under the CLI flags and over the config's root options", async () => {
  const { QUICK_PRESET } = await import("../exec.ts");
  expect(QUICK_PRESET).toEqual({ warmupTimeNs: 100e6, maxTimeNs: 500e6 });
  const [t] = targetsFromCli(["true"], { "max-time": "1s" }, { warmupTimeNs: 2e9, maxRounds: 9 }, QUICK_PRESET);
  expect(t!.walltime).toEqual({ warmupTimeNs: 100e6, maxTimeNs: 1e9, maxRounds: 9 });
});

test("hyperfine's --runs, --warmup and --ignore-failure", () => {
  expect(walltimeFromFlags({ runs: "12", warmup: "3" })).toEqual({ warmupRounds: 3, minRounds: 12, maxRounds: 12 });
  expect(() => walltimeFromFlags({ runs: "12", "max-rounds": "5" })).toThrow("--runs 12 cannot be combined with --max-rounds");
  expect(() => walltimeFromFlags({ runs: "0" })).toThrow('Invalid --runs "0": at least one round must run');
  expect(() => walltimeFromFlags({ warmup: "2", "warmup-time": "1s" })).toThrow("--warmup 2 and --warmup-time 1s both set the warmup");
  const [t] = targetsFromCli(["false"], { "ignore-failure": true, runs: "3" }, {});
  expect(t).toMatchObject({ argv: ["false"], ignoreFailure: true, walltime: { minRounds: 3, maxRounds: 3 } });
  const [plain] = targetsFromCli(["false"], {}, {});
  expect(plain!.ignoreFailure).toBeUndefined();
});

test("a warmup given in rounds drops a warmup time from under it, and the other way round", () => {
  // --warmup 2 over the config's warmup-time and --quick's.
  const [a] = targetsFromCli(["true"], { warmup: "2" }, { warmupTimeNs: 2e9 }, { warmupTimeNs: 100e6, maxTimeNs: 500e6 });
  expect(a!.walltime).toEqual({ warmupRounds: 2, maxTimeNs: 500e6 });
  const config = defaultConfig("/repo");
  config.benchmarks = [{ name: "a", exec: "true", argv: ["true"], options: { warmupTimeNs: 5 } }];
  const [b] = targetsFromConfig(config, { warmup: "4", "ignore-failure": true });
  expect(b!.walltime).toEqual({ warmupRounds: 4 });
  expect(b!.ignoreFailure).toBe(true);
});
