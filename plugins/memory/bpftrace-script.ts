/**
 * The bpftrace program of the eBPF tracker (statically linked executables): uprobes and uretprobes on
 * the allocator symbols the executable defines, only for processes that exec'd it and their forks.
 * A per-thread depth counter records the outermost call only (operator new → malloc is one event).
 * Every event is one `E` line: `E <type> <pid> <tid> <ns> <addr> <size> <old_addr>`.
 *
 * @module
 */

/** How a function's arguments and return value become an event. */
export type ProbeKind = "malloc" | "calloc" | "zalloc" | "realloc" | "free" | "memalign" | "aligned_size_first" | "realloc_aligned" | "posix_memalign";

const LIBC: Record<string, ProbeKind> = {
  malloc: "malloc",
  calloc: "calloc",
  realloc: "realloc",
  free: "free",
  aligned_alloc: "memalign",
  memalign: "memalign",
  posix_memalign: "posix_memalign",
  valloc: "malloc",
  pvalloc: "malloc",
};

const CXX_NEW = ["_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t", "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t", "_ZnwmSt11align_val_tRKSt9nothrow_t", "_ZnamSt11align_val_tRKSt9nothrow_t"];
const CXX_DELETE = ["_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm", "_ZdlPvSt11align_val_t", "_ZdaPvSt11align_val_t", "_ZdlPvmSt11align_val_t", "_ZdaPvmSt11align_val_t", "_ZdlPvRKSt9nothrow_t", "_ZdaPvRKSt9nothrow_t"];

/** Every allocator symbol the eBPF tracker knows, with how to read it. */
export const ALLOCATOR_SYMBOLS: Record<string, ProbeKind> = (() => {
  const out: Record<string, ProbeKind> = { ...LIBC };
  for (const s of CXX_NEW) out[s] = "malloc";
  for (const s of CXX_DELETE) out[s] = "free";
  for (const prefix of ["je_", "_rjem_"]) {
    for (const [name, kind] of Object.entries(LIBC)) out[prefix + name] = kind;
    out[`${prefix}mallocx`] = "malloc";
    out[`${prefix}rallocx`] = "realloc";
    out[`${prefix}dallocx`] = "free";
    out[`${prefix}sdallocx`] = "free";
  }
  Object.assign(out, {
    mi_malloc: "malloc",
    mi_calloc: "calloc",
    mi_realloc: "realloc",
    mi_free: "free",
    mi_zalloc: "zalloc",
    mi_malloc_aligned: "aligned_size_first",
    mi_zalloc_aligned: "zalloc",
    mi_realloc_aligned: "realloc_aligned",
  } satisfies Record<string, ProbeKind>);
  return out;
})();

// Frees (and reallocs, which may free) are stamped at entry, allocations at return: a block is
// freed before another thread can get its address back, so the free must sort first.
const LINE = (type: number, addr: string, size: string, old: string, at = "nsecs"): string =>
  `printf("E ${type} %d %d %llu %llu %llu %llu\\n", pid, tid, ${at}, ${addr}, ${size}, ${old});`;
const ENTRY = "@ts[tid]";

function emit(kind: ProbeKind): string {
  switch (kind) {
    case "malloc":
      return `if (retval != 0) { ${LINE(1, "retval", "@a0[tid]", "0")} }`;
    case "calloc":
      return `if (retval != 0) { ${LINE(3, "retval", "@a0[tid] * @a1[tid]", "0")} }`;
    case "zalloc":
      return `if (retval != 0) { ${LINE(3, "retval", "@a0[tid]", "0")} }`;
    case "memalign":
      return `if (retval != 0) { ${LINE(5, "retval", "@a1[tid]", "0")} }`;
    case "aligned_size_first":
      return `if (retval != 0) { ${LINE(5, "retval", "@a0[tid]", "0")} }`;
    case "realloc":
    case "realloc_aligned":
      return `if (retval != 0) { ${LINE(4, "retval", "@a1[tid]", "@a0[tid]", ENTRY)} } else if (@a0[tid] != 0 && @a1[tid] == 0) { ${LINE(2, "@a0[tid]", "0", "0", ENTRY)} }`;
    case "free":
      return `if (@a0[tid] != 0) { ${LINE(2, "@a0[tid]", "0", "0", ENTRY)} }`;
    case "posix_memalign":
      return `if (retval == 0) { ${LINE(5, "*(uint64 *)@a0[tid]", "@a2[tid]", "0")} }`;
  }
}

/** One statically linked executable to probe. */
export interface ProbeTarget {
  /** Absolute path, as the benchmark will exec it. */
  exe: string;
  symbols: string[];
  /** Other spellings the benchmark may exec it by (e.g. `./bench` as typed in a shell command). */
  aliases?: string[];
  /** The file's inode and device (kernel `dev_t` encoding): matches an exec by any path. */
  inode?: { ino: number; dev: number };
}

/**
 * Builds the program for the given executables. `P <pid> <ppid>` lines report the tracked processes
 * so events can be attributed to a benchmark's process tree.
 *
 * @example
 * ```ts
 * bpftraceScript([{ exe: "/work/bench", symbols: ["malloc", "free"] }]);
 * ```
 */
export function bpftraceScript(targets: ProbeTarget[]): string {
  const lines = [`BEGIN { printf("READY\\n"); }`];
  for (const { exe, aliases = [], inode } of targets) {
    // bpftrace compares strings of at most 64 bytes (BPFTRACE_STRLEN): longer paths rely on the inode.
    const names = [exe, ...aliases.filter((a) => a !== exe)].filter((n) => Buffer.byteLength(n) < 64);
    const conditions = names.map((n) => `str(args->filename) == ${JSON.stringify(n)}`);
    if (inode) {
      const file = "((struct inode *)curtask->mm->exe_file->f_inode)";
      conditions.unshift(`(${file}->i_ino == ${inode.ino} && ${file}->i_sb->s_dev == ${inode.dev})`);
    }
    const filter = conditions.join(" || ");
    lines.push(`tracepoint:sched:sched_process_exec /${filter}/ { @t[pid] = 1; printf("P %d %d\\n", pid, curtask->real_parent->tgid); }`);
  }
  lines.push(`tracepoint:sched:sched_process_fork /@t[args->parent_pid]/ { @t[args->child_pid] = 1; printf("P %d %d\\n", args->child_pid, args->parent_pid); }`);
  for (const { exe, symbols } of targets) {
    for (const sym of symbols) {
      const kind = ALLOCATOR_SYMBOLS[sym];
      if (!kind) continue;
      lines.push(
        `uprobe:${exe}:${sym} /@t[pid]/ { if (@d[tid] == 0) { @a0[tid] = arg0; @a1[tid] = arg1; @a2[tid] = arg2; @ts[tid] = nsecs; } @d[tid]++; }`,
        `uretprobe:${exe}:${sym} /@t[pid]/ { @d[tid]--; if (@d[tid] == 0) { ${emit(kind)} } }`,
      );
    }
  }
  // A last event through the perf buffers: the kernel reports events it dropped (a LOST record) only
  // before the next one it writes.
  lines.push(`END { printf("DONE\\n"); clear(@t); clear(@d); clear(@a0); clear(@a1); clear(@a2); clear(@ts); }`);
  return `${lines.join("\n")}\n`;
}

/** The allocator symbols of `functions` (an executable's defined functions) the tracker can probe. */
export function probeableSymbols(functions: Set<string>): string[] {
  return Object.keys(ALLOCATOR_SYMBOLS).filter((s) => functions.has(s));
}

/**
 * The allocator symbols a dynamically linked executable defines for itself, which the preload
 * library cannot see: a malloc family of its own (an allocator linked in statically overrides
 * libc's, and the preload library's, for the whole process) and prefixed jemalloc/mimalloc entry
 * points (Rust's tikv-jemallocator, mimalloc crates). C++ `operator new/delete` are left out: they
 * call malloc/free, which one of the trackers sees already.
 */
export function ownAllocatorSymbols(functions: Set<string>): string[] {
  return probeableSymbols(functions).filter((s) => !s.startsWith("_Zn") && !s.startsWith("_Zd"));
}
