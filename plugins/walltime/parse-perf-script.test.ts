import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePerfScript } from "./parse-perf-script.ts";

// Captured on this VM: `perf record -- bash -c '(env true; :) & wait'`, then
// `perf script --ns --show-task-events --show-mmap-events -F comm,pid,tid,time,ip,sym,dso`.
// bash 18065 forks the subshell 18067 (no exec), which forks 18068, which execs env, then true.
const text = readFileSync(join(import.meta.dir, "../../test/fixtures/walltime/perf-script-task-events.txt"), "utf8");

describe("parsePerfScript() mappings per process", () => {
  const { mmaps } = parsePerfScript(text);
  const paths = (pid: number) => mmaps.filter((m) => m.pid === pid).map((m) => m.path);

  test("reads the start, length and file offset of MMAP2 records", () => {
    expect(mmaps.find((m) => m.pid === 18065 && m.path === "/usr/bin/bash")).toEqual({
      pid: 18065, start: 0x55aeed6a3000n, end: 0x55aeed6a3000n + 0xc1000n, pgoff: 0x2f000n, prot: "r-xp", path: "/usr/bin/bash",
    });
    expect(mmaps.find((m) => m.path === "[vdso]")?.pgoff).toBe(0n);
  });

  test("an exec drops the mappings before it: only the last program's remain", () => {
    expect(paths(18068)).toEqual(["/usr/bin/true", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "[vdso]", "/usr/lib/x86_64-linux-gnu/libc.so.6"]);
    expect(mmaps.find((m) => m.pid === 18068 && m.path.endsWith("libc.so.6"))?.start).toBe(0x7f4a3b49b000n);
  });

  test("a forked process without exec inherits its parent's mappings", () => {
    expect(paths(18067)).toEqual(paths(18065));
    expect(paths(18065)).toContain("/usr/bin/bash");
  });
});
