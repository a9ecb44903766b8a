/**
 * `wrap` of the memory instrument. Integration runs (`pacer run`): the preload library goes into the
 * command's environment (inherited by every child); the flag keeps it silent outside benchmark
 * windows and the window's pid keeps other processes out. Exec runs (`pacer exec`): pacer's harness
 * is a Bun binary with its own allocations, so only the targets get the library: each target's argv
 * is prefixed with `env LD_PRELOAD=…` in a rewritten harness spec. Executables with an allocator of
 * their own (statically linked, or jemalloc/mimalloc linked in) get bpftrace uprobes: exec targets,
 * the first word of a `pacer run` command, and executables under the build folders (as memtrack).
 *
 * @module
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PacerError, type Command, type PluginContext } from "../../src/index.ts";
import type { ProbeTarget } from "./bpftrace-script.ts";
import { bpftraceScript } from "./bpftrace-script.ts";
import { startBpftrace } from "./bpftrace-session.ts";
import { findOwnAllocatorExecutables } from "./build-dirs.ts";
import { chooseTracker, resolveExecutable, type TrackerChoice } from "./choose-tracker.ts";
import { materializePreload } from "./preload-library.ts";
import type { MemoryRunState } from "./state.ts";

export interface MemoryOptions {
  /** Events each process can record before further ones are lost (and reported). */
  capacity: number;
  /** Perf buffer pages per CPU of the eBPF tracker (bpftrace's BPFTRACE_PERF_RB_PAGES). */
  perfBufferPages: number;
}

function trackerEnv(state: MemoryRunState, so: string, capacity: number, base: Record<string, string>): Record<string, string> {
  const inherited = base.LD_PRELOAD;
  return {
    // CPython serves small objects from its own arenas (pymalloc), invisible to a malloc tracker.
    ...(base.PYTHONMALLOC ? {} : { PYTHONMALLOC: "malloc" }),
    LD_PRELOAD: inherited ? `${so}:${inherited}` : so,
    PACER_MEMTRACK_DIR: state.eventsDir,
    PACER_MEMTRACK_FLAG: state.flagPath,
    PACER_MEMTRACK_CAPACITY: String(capacity),
  };
}

function noteChoice(state: MemoryRunState, ctx: PluginContext<unknown>, label: string, c: TrackerChoice): void {
  const how = c.kind === "ebpf" ? (c.preload ? "eBPF uprobes + preload library" : "eBPF uprobes") : c.kind === "preload" ? "preload library" : "no tracker";
  const line = `${label}: ${how} (${c.why})`;
  state.choices.push(line);
  ctx.log.info(`Memory tracker for ${line}`);
}

/** `st_dev` as userspace sees it (glibc encoding) → the kernel's `dev_t` (major << 20 | minor). */
export function kernelDev(dev: number): number {
  const d = BigInt(dev);
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  return Number((major << 20n) | minor);
}

function inodeOf(path: string): ProbeTarget["inode"] {
  try {
    const st = statSync(path);
    return { ino: st.ino, dev: kernelDev(st.dev) };
  } catch {
    return undefined;
  }
}

/**
 * The uprobe target of an executable the preload library cannot see. Throws when it cannot be
 * probed, unless `skippable` (found by the build-folder scan, or the first word of a shell command:
 * the benchmark may never run it), which warns and skips it instead.
 */
function ebpfTarget(c: TrackerChoice, ctx: PluginContext<unknown>, aliases: string[], skippable?: MemoryRunState): ProbeTarget | undefined {
  const ebpf = ctx.probed?.features.ebpf;
  const why = c.kind === "none" ? `it is ${c.why}` : ebpf && !ebpf.enabled ? (ebpf.reason ?? "eBPF is unavailable") : undefined;
  if (skippable && why && c.kind !== "preload") {
    const msg = `Allocations of "${c.exe}" are not measured (${why}): if the benchmark runs it, its numbers are incomplete`;
    ctx.log.warn(msg);
    skippable.choices.push(msg);
    return undefined;
  }
  if (c.kind === "none") {
    throw new PacerError("E_PROBE", `Cannot measure the memory of "${c.exe}": it is ${c.why}`, {
      hint: "Build it dynamically linked, or keep its symbol table (do not strip it)",
    });
  }
  if (c.kind !== "ebpf") return undefined;
  if (ebpf && !ebpf.enabled) {
    // The probe's hint names the setup step that turns eBPF on (e.g. mounting tracefs).
    const fix = ctx.probed?.hint ? `${ctx.probed.hint}${ctx.flags.skipSetup ? " (or drop --skip-setup)" : ""}; or link` : "Link";
    throw new PacerError("E_PROBE", `Cannot measure the memory of "${c.exe}": ${ebpf.reason ?? "eBPF is unavailable"}`, {
      hint: `${fix} it dynamically (the preload tracker needs no privileges)${ctx.probed?.hint ? "" : ", or run as root with bpftrace installed"}`,
    });
  }
  return { exe: c.exe, symbols: c.symbols, aliases, inode: inodeOf(c.exe) };
}

async function startEbpf(state: MemoryRunState, targets: ProbeTarget[], ctx: PluginContext<MemoryOptions>): Promise<void> {
  if (targets.length === 0) return;
  try {
    state.bpftrace = await startBpftrace(bpftraceScript(targets), ctx.tempDir, ctx.options.perfBufferPages);
  } catch (err) {
    throw new PacerError("E_RUN", `Cannot start the eBPF memory tracker: ${err instanceof Error ? err.message : String(err)}`, {
      hint: "Run `pacer doctor` to see what the memory instrument is missing",
      cause: err,
    });
  }
}

function wrapExec(cmd: Command, ctx: PluginContext<unknown>, env: Record<string, string>, state: MemoryRunState): { cmd: Command; statics: ProbeTarget[] } {
  const at = cmd.argv.indexOf("__harness");
  const specPath = at >= 0 ? cmd.argv[at + 1] : undefined;
  if (!specPath) return { cmd, statics: [] };
  const spec = JSON.parse(readFileSync(specPath, "utf8")) as { targets: Array<{ name: string; argv: string[] }> };
  const envBin = resolveExecutable("env", cmd.cwd, cmd.env.PATH) ?? "/usr/bin/env";
  const statics: ProbeTarget[] = [];
  spec.targets = spec.targets.map((t) => {
    const choice = chooseTracker(t.argv[0]!, cmd.cwd, cmd.env.PATH);
    noteChoice(state, ctx, t.name, choice);
    const st = ebpfTarget(choice, ctx, [t.argv[0]!]);
    if (st) statics.push(st);
    if (st && choice.kind === "ebpf" && !choice.preload) return { ...t, argv: [st.exe, ...t.argv.slice(1)] };
    return { ...t, argv: [envBin, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...t.argv] };
  });
  const rewritten = join(ctx.tempDir, "memory-harness-spec.json");
  writeFileSync(rewritten, JSON.stringify(spec));
  const argv = [...cmd.argv];
  argv[at + 1] = rewritten;
  return { cmd: { ...cmd, argv }, statics };
}

/** The first word of a shell command, when it is a plain word (no quoting or expansion). */
export function firstWord(command: string): string | undefined {
  const w = command.trim().split(/\s+/)[0];
  return w && /^[\w./+-]+$/.test(w) && !w.includes("=") ? w : undefined;
}

/** Wraps the benchmark command for memory tracking. */
export async function wrapMemory(cmd: Command, ctx: PluginContext<MemoryOptions>, state: MemoryRunState): Promise<Command> {
  const c = ctx as PluginContext<unknown>;
  const links = ctx.toolkit.linkGuard.warning(ctx.probed);
  if (links) ctx.log.warn(links);
  const so = await materializePreload(ctx.tempDir);
  const env = trackerEnv(state, so, ctx.options.capacity, cmd.env);
  if (ctx.plan.kind === "exec") {
    const { cmd: wrapped, statics } = wrapExec(cmd, c, env, state);
    await startEbpf(state, statics, ctx);
    return wrapped;
  }
  const word = firstWord(ctx.plan.command);
  const statics: ProbeTarget[] = [];
  const seen = new Set<string>();
  if (word) {
    const choice = chooseTracker(word, cmd.cwd, cmd.env.PATH);
    if (choice.exe) seen.add(choice.exe);
    const st = ebpfTarget(choice, c, [word], state);
    if (st) noteChoice(state, c, word, choice);
    if (st) statics.push(st);
  }
  // One target per file: probing an inode twice (a link, another path) would count every call twice.
  const same = (a: ProbeTarget, b: ProbeTarget): boolean => a.exe === b.exe || (!!a.inode && a.inode.ino === b.inode?.ino && a.inode.dev === b.inode.dev);
  for (const found of findOwnAllocatorExecutables(cmd.cwd)) {
    if (seen.has(found.exe)) continue;
    seen.add(found.exe);
    const target = ebpfTarget(found, c, [], state);
    if (!target || statics.some((t) => same(t, target))) continue;
    noteChoice(state, c, found.exe, found);
    statics.push(target);
  }
  state.choices.push("Processes of the command: preload library (LD_PRELOAD, inherited by child processes)");
  await startEbpf(state, statics, ctx);
  return { ...cmd, env: { ...cmd.env, ...env } };
}
