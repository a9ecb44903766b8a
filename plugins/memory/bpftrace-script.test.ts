import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOCATOR_SYMBOLS, bpftraceScript, probeableSymbols } from "./bpftrace-script.ts";

describe("bpftraceScript()", () => {
  test("matches the script that captured the fixtures (static glibc symbols)", () => {
    const expected = readFileSync(join(import.meta.dir, "..", "..", "test", "fixtures", "memory", "bpftrace-script-static.bt"), "utf8");
    const syms = ["malloc", "calloc", "realloc", "free", "aligned_alloc", "memalign", "posix_memalign", "valloc", "pvalloc"];
    // Since the capture, frees and reallocs are stamped at entry (@ts), allocations still at return.
    const now = expected
      .replace(/\n+$/, "\n")
      .replaceAll("@a2[tid] = arg2; }", "@a2[tid] = arg2; @ts[tid] = nsecs; }")
      .replace("END { clear", "END { printf(\"DONE\\n\"); clear")
      .replaceAll("clear(@a2); }", "clear(@a2); clear(@ts); }")
      .replace(/E [24] .*\n/g, (line) => line.replaceAll("tid, nsecs,", "tid, @ts[tid],"));
    expect(bpftraceScript([{ exe: "/tmp/mtt/static-many", symbols: syms }])).toBe(now);
  });

  test("frees and reallocs are stamped at entry, allocations at return", () => {
    const s = bpftraceScript([{ exe: "/w/bench", symbols: ["malloc", "free", "realloc"] }]);
    const ret = (sym: string): string => s.split("\n").find((l) => l.startsWith(`uretprobe:/w/bench:${sym} `))!;
    expect(ret("free")).toContain("tid, @ts[tid], @a0[tid]");
    expect(ret("realloc")).not.toContain("nsecs");
    expect(ret("malloc")).toContain("tid, nsecs, retval");
  });

  test("tracks the exec'd path and the spelling used by the shell", () => {
    const s = bpftraceScript([{ exe: "/w/bench", symbols: ["_Znwm", "_ZdlPv"], aliases: ["./bench"] }]);
    expect(s).toContain('str(args->filename) == "/w/bench" || str(args->filename) == "./bench"');
    expect(s).toContain("uretprobe:/w/bench:_ZdlPv");
  });

  test("knows the C++, jemalloc and mimalloc families", () => {
    expect(ALLOCATOR_SYMBOLS._ZnwmSt11align_val_t).toBe("malloc");
    expect(ALLOCATOR_SYMBOLS._ZdaPvmSt11align_val_t).toBe("free");
    expect(ALLOCATOR_SYMBOLS._rjem_sdallocx).toBe("free");
    expect(ALLOCATOR_SYMBOLS.je_posix_memalign).toBe("posix_memalign");
    expect(ALLOCATOR_SYMBOLS.mi_zalloc_aligned).toBe("zalloc");
    expect(probeableSymbols(new Set(["main", "malloc", "mi_free"]))).toEqual(["malloc", "mi_free"]);
  });
});
