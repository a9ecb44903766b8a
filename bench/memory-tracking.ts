/**
 * Cost and capacity of the memory instrument's trackers, on test/fixtures/memory/churn.c (N pairs of
 * malloc(64) + free), every ratio against the same program untracked in the same run:
 * - preload library, tracking on: events captured per second, lost events, slowdown;
 * - preload library loaded, tracking off (outside benchmark windows): slowdown;
 * - eBPF uprobes (bpftrace) on the statically linked build, at growing N: events per second, lost
 *   events, and the largest rate captured with zero loss.
 *
 *   npx bun bench/memory-tracking.ts            # BENCH_PAIRS=2000000 BENCH_REPEAT=3
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { materializePreload } from "../plugins/memory/preload-library.ts";
import { cleanupTempDirs, compile, ensurePreload, hasBpftrace, runDirect, tempDir } from "../test/memory/memory-driver.ts";

const PAIRS = Number(process.env.BENCH_PAIRS ?? 2_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const EBPF_PAIRS = (process.env.BENCH_EBPF_PAIRS ?? "5000,20000,80000").split(",").map(Number);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeRun(argv: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: "ignore" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status})`);
  return ms;
}

async function tracked(argv: string[], perfBufferPages?: number): Promise<{ ms: number; events: number; lost: number }> {
  const r = await runDirect(argv, "bench::churn", perfBufferPages ? { perfBufferPages } : {});
  const b = r.measurement!.benchmarks[0]!;
  const events = Number(b.metrics.alloc_count) + Number(b.metrics.free_count);
  return { ms: r.programMs, events, lost: Number((b.detail as { lostEventsInRun: number }).lostEventsInRun) };
}

await ensurePreload();
const dir = tempDir("bench");
const churn = compile("churn.c", dir, ["-O2"]);
const n = String(PAIRS);

const base = median(Array.from({ length: REPEAT }, () => timeRun([churn, n])));
console.log(`untracked: ${PAIRS} pairs in ${base.toFixed(1)} ms (baseline)`);

const so = await materializePreload(dir);
const off = join(dir, "flag-off");
writeFileSync(off, new Uint8Array([0]));
mkdirSync(join(dir, "events-off"), { recursive: true });
const idle = median(Array.from({ length: REPEAT }, () => timeRun([churn, n], { LD_PRELOAD: so, PACER_MEMTRACK_FLAG: off, PACER_MEMTRACK_DIR: join(dir, "events-off") })));
console.log(`preload, tracking off: ${idle.toFixed(1)} ms, slowdown ×${(idle / base).toFixed(2)}`);

const runs: Array<{ ms: number; events: number; lost: number }> = [];
for (let i = 0; i < REPEAT; i++) runs.push(await tracked([churn, n]));
const pre = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
console.log(
  `preload, tracking on: ${pre.events} events in ${pre.ms.toFixed(1)} ms = ${((pre.events / pre.ms) * 1000).toExponential(2)} events/s, ` +
    `lost ${pre.lost}, ${(((pre.ms - base) * 1e6) / pre.events).toFixed(1)} ns/event, slowdown ×${(pre.ms / base).toFixed(2)}`,
);

if (!hasBpftrace) {
  console.log("eBPF: skipped (needs root and bpftrace)");
} else {
  const staticChurn = join(dir, "churn-static");
  spawnSync("cc", ["-O2", "-static", "-o", staticChurn, join(import.meta.dir, "..", "test", "fixtures", "memory", "churn.c")]);
  let best = 0;
  for (const pairs of EBPF_PAIRS) {
    const plain = timeRun([staticChurn, String(pairs)]);
    const r = await tracked([staticChurn, String(pairs)]);
    const rate = (r.events / r.ms) * 1000;
    if (r.lost === 0) best = Math.max(best, rate);
    console.log(
      `eBPF uprobes, ${pairs} pairs: ${r.events} events in ${r.ms.toFixed(0)} ms = ${rate.toExponential(2)} events/s, lost ${r.lost}, ` +
        `slowdown ×${(r.ms / plain).toFixed(0)} (untracked ${plain.toFixed(1)} ms)`,
    );
  }
  console.log(`eBPF: largest rate captured with zero loss: ${best.toExponential(2)} events/s; preload/eBPF rate ratio ×${((pre.events / pre.ms) * 1000 / best).toFixed(0)}`);
  // The same at the largest size with a 1-page perf buffer: where loss starts, and that it is reported.
  const small = await tracked([staticChurn, String(EBPF_PAIRS.at(-1))], 1);
  console.log(`eBPF uprobes, 1-page perf buffer: ${small.events} events captured, ${small.lost} reported lost (${((small.lost / (small.events + small.lost)) * 100).toFixed(1)}%)`);
}
cleanupTempDirs();
