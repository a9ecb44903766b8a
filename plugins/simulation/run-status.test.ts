import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordStep } from "./run-record.ts";
import { checkStep } from "./run-status.ts";
import { statusFiles, writeOuterScript, writeWrapper, type ScriptStep } from "./run-scripts.ts";

const hasValgrind = Bun.which("valgrind") !== null;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Step = ScriptStep & { outPrefix: string; logFile: string; name?: string };

/** Runs real valgrind steps through the real scripts; returns the steps for checkStep. */
function runSteps(specs: Array<{ extra?: string[]; program: string[]; wrapped: boolean; ignoreFailure?: boolean }>): Step[] {
  const dir = mkdtempSync(join(tmpdir(), "pacer-sim-status-"));
  dirs.push(dir);
  const wrapper = writeWrapper(dir);
  const steps = specs.map((s, i): Step => {
    const outPrefix = join(dir, `exec-${i}.`);
    const logFile = join(dir, `valgrind-${i}.log`);
    const status = statusFiles(dir, i);
    const vg = ["valgrind", "-q", "--tool=callgrind", ...(s.extra ?? []), `--callgrind-out-file=${outPrefix}%p.out`, `--log-file=${logFile}`];
    const argv = s.wrapped ? [...vg, "bash", wrapper, status.benchmark, ...s.program] : [...vg, "--", ...s.program];
    return { argv, status, wrapped: s.wrapped, outPrefix, logFile, name: s.program.join(" "), ...(s.ignoreFailure && { ignoreFailure: true }) };
  });
  const r = Bun.spawnSync(["bash", writeOuterScript(dir, steps)]);
  expect(r.exitCode).toBe(0);
  return steps;
}

function errorOf(fn: () => unknown): { message: string; hint?: string; code?: string } {
  try {
    fn();
  } catch (e) {
    return e as { message: string; hint?: string; code?: string };
  }
  throw new Error("expected an error");
}

describe.skipIf(!hasValgrind)("checkStep() on real valgrind runs", () => {
  test("a failing benchmark under the wrapper is reported as a benchmark failure", () => {
    const [step] = runSteps([{ program: ["bash", "-c", "exit 3"], wrapped: true }]);
    const err = errorOf(() => checkStep(recordStep(step!, "/"), "/", "/p/runner.log"));
    expect(err.code).toBe("E_RUN");
    expect(err.message).toBe('The benchmark command failed under valgrind with exit code "3"');
    expect(err.hint).toContain("Valgrind itself ran fine");
  });

  test("valgrind refusing to start is reported as a valgrind failure, with its message", () => {
    const [step] = runSteps([{ extra: ["--no-such-option=1"], program: ["bash", "-c", "exit 0"], wrapped: true }]);
    const err = errorOf(() => checkStep(recordStep(step!, "/"), "/", "/p/runner.log"));
    expect(err.code).toBe("E_RUN");
    expect(err.message).toBe('Valgrind failed: it exited with code "1" before the benchmark command completed');
    expect(err.hint).toContain("not a benchmark failure");
  });

  test("exec steps: success gives the pid of the callgrind file, a failing program is a benchmark failure", () => {
    const [ok, bad, never] = runSteps([
      { program: ["/bin/true"], wrapped: false },
      { program: ["/bin/false"], wrapped: false },
      { program: ["/bin/true"], wrapped: false },
    ]);
    expect(typeof checkStep(recordStep(ok!, "/"), "/", "/p/runner.log")).toBe("number");
    expect(errorOf(() => checkStep(recordStep(bad!, "/"), "/", "/p/runner.log")).message).toBe('The command "/bin/false" failed under valgrind with exit code "1"');
    expect(checkStep(recordStep(never!, "/"), "/", "/p/runner.log")).toBe("skipped");
  });

  test("exec steps that ignore failures (--ignore-failure): measured whatever their status, and the next step runs", () => {
    const [bad, next] = runSteps([
      { program: ["/bin/false"], wrapped: false, ignoreFailure: true },
      { program: ["/bin/true"], wrapped: false },
    ]);
    const recorded = recordStep(bad!, "/");
    expect(recorded.ignoreFailure).toBe(true);
    expect(recorded.status.valgrind).toBe("1");
    expect(typeof checkStep(recorded, "/", "/p/runner.log")).toBe("number");
    expect(typeof checkStep(recordStep(next!, "/"), "/", "/p/runner.log")).toBe("number");
    // valgrind that could not run is still an error: there is no profile to measure.
    const [broken] = runSteps([{ extra: ["--no-such-option=1"], program: ["/bin/true"], wrapped: false, ignoreFailure: true }]);
    expect(errorOf(() => checkStep(recordStep(broken!, "/"), "/", "/p/runner.log")).message).toStartWith("Valgrind failed:");
  });

  test("exec steps: valgrind failing leaves no callgrind file and is a valgrind failure", () => {
    const [step] = runSteps([{ extra: ["--no-such-option=1"], program: ["/bin/true"], wrapped: false }]);
    expect(errorOf(() => checkStep(recordStep(step!, "/"), "/", "/p/runner.log")).message).toStartWith("Valgrind failed:");
  });
});
