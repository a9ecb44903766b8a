/**
 * Which frames belong to the harness and runtime rather than to the benchmark, and the view that
 * folds them: the stacks of a benchmark start with process, libc, runtime, event-loop and harness
 * frames (node, Builtins_RunMicrotasks, tinybench's runTaskAsync, `__codspeed_root_frame__`, the
 * interpreter's bytecode handlers…) before the first frame of the benchmark's own code. Those
 * chains take most of a flame graph's height while saying nothing about the code measured.
 *
 * @module
 */
import { cloneTree, mergeInto, newNode, type FlameNode } from "./flame-tree.ts";

/** Process names perf puts first in a folded stack when the runtime itself is the command. */
const RUNTIME_COMMANDS = /^(node|nodejs|bun|deno|python[\d.]*|pypy[\d.]*|pacer|perf-exec|valgrind)$/;

const PATTERNS: RegExp[] = [
  // V8 and node internals: builtins (including the interpreter's bytecode handlers), C++ runtime.
  /^Builtins_/,
  // Callgrind writes C++ names with their return type: `bool v8::internal::…`.
  /(^|[\s*&])(v8|node|uv|cppgc)::/,
  /^uv_|^uv__/,
  /^(Stub|BytecodeHandler|Builtin|RegExp):/,
  /node:internal\//,
  // JavaScript frames of harness packages (perf's `JS:*name file`, callgrind's `Function:name file`).
  /\/node_modules\/(tinybench|@codspeed|vitest|@vitest|tinypool|benchmark|mitata|bench-node)\//,
  /__codspeed_root_frame__/,
  // CodSpeed's native addon (perf map writer, instrument hooks) running inside the benchmark process.
  /(^|[\s*&])(codspeed_native|codspeed)::/,
  // C and C++ process start, threads, google benchmark's runner.
  /^_start$/,
  /^__libc_start_(main|call_main)(@.*)?$/,
  /^\(below main\)$/,
  /^(start_thread|clone3?|__clone3?|thread_start)$/,
  /(^|[\s*&])benchmark::/,
  // CPython's eval loop and call machinery, pytest and its plugins.
  /^_?Py(Eval|Run|Object_(Vectorcall|Call)|Function_Vectorcall|_RunMain|_BytesMain|_Main)/,
  /^(method_vectorcall|cfunction_vectorcall|slot_tp_call|vectorcall_method)/,
  /(_pytest|pytest_codspeed|pluggy|pytest_benchmark)[/.:]/,
  /\/site-packages\/(pytest|_pytest|pluggy|pytest_codspeed)\//,
];

/** Callgrind names a function's recursion levels and contexts `name'2`: the same function. */
function bare(name: string): string {
  return name.replace(/'\d+$/, "");
}

export function isHarnessFrame(name: string): boolean {
  const n = bare(name);
  return RUNTIME_COMMANDS.test(n) || PATTERNS.some((p) => p.test(n));
}

/** Name of the bar that stands for the folded frames (also its key when a differential graph matches base to head). */
export const HARNESS_BAR = "[harness frames]";

/**
 * The tree with every chain of harness frames at the top of the stacks (below the root, which is
 * the benchmark) folded into one bar. The benchmark root of a stack is its first frame, from the
 * outermost caller down, that is not a harness frame; the bar's children are those roots, merged
 * by name, and its own cost is what ran in harness frames only. Returns `root` itself when no
 * stack starts with a harness frame. `root` is not modified.
 */
export function collapseHarness(root: FlameNode): FlameNode {
  const names = new Set<string>();
  const bar: FlameNode = newNode(HARNESS_BAR);
  const absorb = (n: FlameNode): void => {
    names.add(bare(n.name));
    for (const c of n.children.values()) {
      if (isHarnessFrame(c.name)) absorb(c);
      else {
        const prev = bar.children.get(c.name);
        if (prev) mergeInto(prev, cloneTree(c));
        else bar.children.set(c.name, cloneTree(c));
      }
    }
  };
  const out: FlameNode = { ...newNode(root.name), value: root.value };
  for (const c of root.children.values()) {
    if (!isHarnessFrame(c.name)) out.children.set(c.name, c);
    else (bar.value += c.value, absorb(c));
  }
  if (!names.size) return root;
  bar.folded = [...names];
  out.children.set(HARNESS_BAR, bar);
  return out;
}
