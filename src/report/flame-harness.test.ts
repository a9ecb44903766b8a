import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { RunRecord } from "../results/run-record.ts";
import { collapseHarness, HARNESS_BAR, isHarnessFrame } from "./flame-harness.ts";
import { readFunctions, treeFromFolded, treeFromFunctions } from "./flame-tree.ts";

const FIX = `${import.meta.dir}/../../test/fixtures/history`;

describe("isHarnessFrame()", () => {
  // Names copied from real stacks: test/fixtures/history/walltime-fib15.folded (perf + tinybench),
  // simulation-run.json.gz (callgrind + tinybench plugin), and a CPython/pytest-codspeed and
  // google-benchmark callgrind run of the CodSpeed examples (names as callgrind printed them).
  const harness = [
    "node",
    "Builtins_RunMicrotasks",
    "Builtins_MovHandler'2",
    "Builtins_CEntry_Return1_ArgvOnStack_NoBuiltinExit",
    "v8::internal::Runtime_StackGuardWithGap",
    "node::(anonymous namespace)::PlatformWorkerThread",
    "start_thread",
    "Function:runTaskAsync file:///work/main/node_modules/@codspeed/tinybench-plugin/dist/index.es5.js:104:21",
    "Function:__codspeed_root_frame__ /work/main/node_modules/@codspeed/core/dist/index.cjs.js:20057:48",
    "JS:^#m file:///work/main/node_modules/tinybench/dist/index.js:425:10",
    "JS:~processTicksAndRejections node:internal/process/task_queues:67:35",
    "_start",
    "__libc_start_main",
    "__libc_start_call_main",
    "(below main)",
    "_PyEval_EvalFrameDefault",
    "PyObject_Vectorcall",
    "py::pytest_runtest_call:/usr/lib/python3/dist-packages/_pytest/runner.py",
    "benchmark::internal::BenchmarkRunner::DoNIterations()",
    "uv_run",
    "bool v8::internal::(anonymous namespace)::IterativelyExecuteAndFinalizeUnoptimizedCompilationJobs(v8::internal::Isolate*)",
    "void benchmark::State::StartKeepRunning()",
    "codspeed_native::LinuxPerfHandler::Handle(v8::CodeEvent*)",
  ];
  const own = [
    "JS:*fib file:///work/main/examples/tinybench/bench.mjs:8:13",
    "Function:fib file:///tmp/h7/bench.mjs:4:13'2",
    "JS:*sortArray file:///tmp/flame-wt/bench.mjs:12:19",
    "BM_StringCopy(benchmark::State&)",
    "main",
    "py::test_fib:/work/tests/test_bench.py",
    "[unknown]",
  ];
  for (const n of harness) test(`harness: ${n}`, () => expect(isHarnessFrame(n)).toBe(true));
  for (const n of own) test(`own code: ${n}`, () => expect(isHarnessFrame(n)).toBe(false));
});

describe("collapseHarness()", () => {
  test("folds the harness chains above the benchmark root into one bar, leaving the tree as it was", () => {
    const t = treeFromFolded("node;JS:tinybench /node_modules/tinybench/x.js;JS:*fib a.mjs;JS:*fib a.mjs 3\nnode;JS:*fib a.mjs 2\nnode;Builtins_RunMicrotasks 1\nmain;work 4\n", "b");
    const c = collapseHarness(t);
    expect(c.value).toBe(10);
    expect([...c.children.keys()].sort()).toEqual([HARNESS_BAR, "main"]);
    const bar = c.children.get(HARNESS_BAR)!;
    expect(bar.value).toBe(6);
    expect(bar.folded!.sort()).toEqual(["Builtins_RunMicrotasks", "JS:tinybench /node_modules/tinybench/x.js", "node"]);
    expect(bar.children.get("JS:*fib a.mjs")!.value).toBe(5);
    expect(bar.children.get("JS:*fib a.mjs")!.children.get("JS:*fib a.mjs")!.value).toBe(3);
    expect(t.children.get("node")!.children.get("JS:*fib a.mjs")!.value).toBe(2); // not mutated
  });

  test("a tree without harness frames is returned as is", () => {
    const t = treeFromFolded("main;a 1\n");
    expect(collapseHarness(t)).toBe(t);
  });

  test("real perf stacks: the benchmark's fib sits right under the bar", () => {
    const t = collapseHarness(treeFromFolded(readFileSync(`${FIX}/walltime-fib15.folded`, "utf8"), "fib 15"));
    const bar = t.children.get(HARNESS_BAR)!;
    expect(bar.children.has("JS:*fib file:///work/main/examples/tinybench/bench.mjs:8:13")).toBe(true);
  });

  test("real callgrind tree: tens of harness levels above fib become one", () => {
    const run = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(`${FIX}/simulation-run.json.gz`)))) as RunRecord;
    const fib = run.measurements[0]!.benchmarks.find((b) => b.name === "fib 20")!;
    const t = treeFromFunctions(readFunctions(fib.detail!.functions)!, "fib 20");
    // Depth of the heaviest frame of the benchmark file (the closure tinybench calls, then fib).
    const depthOfOwn = (root: typeof t): number => {
      let best = { v: -1, d: -1 };
      const walk = (n: typeof t, d: number): void => {
        if (n.name.includes("/tmp/h7/bench.mjs") && n.value > best.v) best = { v: n.value, d };
        n.children.forEach((c) => walk(c, d + 1));
      };
      walk(root, 0);
      return best.d;
    };
    const before = depthOfOwn(t);
    const c = collapseHarness(t);
    expect(before).toBeGreaterThan(10);
    expect(depthOfOwn(c)).toBe(2);
    expect(c.children.get(HARNESS_BAR)!.value).toBeCloseTo(t.value, 3);
    console.log(`fib 20: own code at depth ${before} before, 2 after; ${c.children.get(HARNESS_BAR)!.folded!.length} frames folded`);
  });
});
