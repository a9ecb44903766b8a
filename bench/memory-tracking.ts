/**
 * Cost and capacity of the memory instrument's trackers, on test/fixtures/memory/churn.c (N pairs of
 * malloc(64) + free), every figure against baselines measured in the same run, interleaved (the
 * machine is shared: medians of BENCH_REPEAT rounds):
 * - untracked, and under a bare interposer (test/fixtures/memory/bare-interposer.c: dlsym RTLD_NEXT,
 *   calls through, records nothing): the floor any LD_PRELOAD tracker pays;
 * - preload library, tracking on: ns per tracked event end to end (program wall time, the writer
 *   thread's final drain included), events/s, ring waits; then one run through the plugin's collect
 *   path: events in == events out (exactly 2N), lost events;
 * - preload library loaded, tracking off (outside benchmark windows): slowdown;
 * - eBPF uprobes (bpftrace) on the statically linked build, at growing N: events per second, lost
 *   events, and the largest rate captured with zero loss (tracefs is mounted first when it is not).
 *
 *   npm run build && bun bench/index.ts memory-tracking     # BENCH_PAIRS=2000000 BENCH_REPEAT=7
 *
 * Goal (issue 16): ≤ 30 ns per tracked event (≥ 3.3 × 10⁷ events/s) with zero loss: PASS/FAIL.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { materializePreload } from "../plugins/memory/preload-library.ts";
import { readEventDir } from "../plugins/memory/preload-events.ts";
import { gatherTracefs } from "../plugins/memory/tracefs.ts";
import { median } from "./_pacer.ts";
import { cleanupTempDirs, compile, ensurePreload, FIXTURES, hasBpftrace, runDirect, tempDir } from "../test/memory/memory-driver.ts";

const PAIRS = Number(process.env.BENCH_PAIRS ?? 2_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const EBPF_PAIRS = (process.env.BENCH_EBPF_PAIRS ?? "5000,20000,80000").split(",").map(Number);
const GOAL_NS = 30;


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
const bare = join(dir, "bare-interposer.so");
if (spawnSync("cc", ["-O2", "-shared", "-fPIC", "-o", bare, join(FIXTURES, "bare-interposer.c"), "-ldl"]).status !== 0) throw new Error("Cannot build bare-interposer.c");
const so = await materializePreload(dir);
const n = String(PAIRS);
const events = 2 * PAIRS;
const flagOn = join(dir, "flag-on");
const flagOff = join(dir, "flag-off");
writeFileSync(flagOn, new Uint8Array([1]));
writeFileSync(flagOff, new Uint8Array([0]));
mkdirSync(join(dir, "events-off"), { recursive: true });

// One round = each variant once, so a burst of load on the shared machine hits them alike.
const times = { base: [] as number[], bare: [] as number[], idle: [] as number[], on: [] as number[] };
let waits = 0;
let inFiles = 0;
for (let i = 0; i < REPEAT; i++) {
  times.base.push(timeRun([churn, n]));
  times.bare.push(timeRun([churn, n], { LD_PRELOAD: bare }));
  times.idle.push(timeRun([churn, n], { LD_PRELOAD: so, PACER_MEMTRACK_FLAG: flagOff, PACER_MEMTRACK_DIR: join(dir, "events-off") }));
  const out = mkdtempSync(join(dir, "events-on-"));
  times.on.push(timeRun([churn, n], { LD_PRELOAD: so, PACER_MEMTRACK_FLAG: flagOn, PACER_MEMTRACK_DIR: out }));
  const recs = readEventDir(out);
  waits = Math.max(waits, recs.reduce((s, r) => s + r.waits, 0));
  inFiles = recs.reduce((s, r) => s + r.events.length, 0);
  rmSync(out, { recursive: true, force: true });
}
const [base, bareMs, idle, on] = [median(times.base), median(times.bare), median(times.idle), median(times.on)];
const perEvent = ((on - base) * 1e6) / events;
const barePerEvent = ((bareMs - base) * 1e6) / events;
console.log(`untracked: ${PAIRS} pairs in ${base.toFixed(1)} ms (baseline, median of ${REPEAT})`);
console.log(`bare interposer: ${bareMs.toFixed(1)} ms = ${barePerEvent.toFixed(1)} ns/event (the floor of any LD_PRELOAD tracker)`);
console.log(`preload, tracking off: ${idle.toFixed(1)} ms, slowdown ×${(idle / base).toFixed(2)}`);
console.log(
  `preload, tracking on: ${events} events in ${on.toFixed(1)} ms = ${((events / (on - base)) * 1e3).toExponential(2)} events/s of tracking time (${((events / on) * 1e3).toExponential(2)} with the program's own work), ` +
    `${perEvent.toFixed(1)} ns/event, ×${(perEvent / Math.max(barePerEvent, 0.1)).toFixed(1)} the bare interposer's, slowdown ×${(on / base).toFixed(2)}, ring waits ≤ ${waits}, last run's files hold ${inFiles} events`,
);
const pre = await tracked([churn, n]);
const zeroLoss = pre.events === events && pre.lost === 0 && inFiles === events;
console.log(`preload, through collect: ${pre.events} events out of ${events} in, lost ${pre.lost}`);
console.log(`preload goal ≤ ${GOAL_NS} ns/event with zero loss: ${perEvent <= GOAL_NS && zeroLoss ? "PASS" : "FAIL"} (${perEvent.toFixed(1)} ns/event, ${zeroLoss ? "no" : "some"} events lost)`);
const preRate = (events / on) * 1e3;

if (!hasBpftrace) {
  console.log("eBPF: skipped (needs root and bpftrace)");
} else {
  const before = gatherTracefs();
  if (!before.mounted) console.log(`eBPF: tracefs is not mounted at ${before.dir}: the plugin's setup mounts it (as \`pacer setup\` would)`);
  const staticChurn = join(dir, "churn-static");
  spawnSync("cc", ["-O2", "-static", "-o", staticChurn, join(FIXTURES, "churn.c")]);
  let best = 0;
  for (const pairs of EBPF_PAIRS) {
    const plain = timeRun([staticChurn, String(pairs)]);
    const r = await tracked([staticChurn, String(pairs)]);
    const rate = (r.events / r.ms) * 1000;
    if (r.lost === 0) best = Math.max(best, rate);
    console.log(
      `eBPF uprobes, ${pairs} pairs: ${r.events} of ${2 * pairs} events in ${r.ms.toFixed(0)} ms = ${rate.toExponential(2)} events/s, lost ${r.lost}, ` +
        `slowdown ×${(r.ms / plain).toFixed(0)} (untracked ${plain.toFixed(1)} ms)`,
    );
  }
  if (!before.mounted) console.log(`eBPF: tracefs ${gatherTracefs().mounted ? "was mounted by setup and stays mounted" : "could not be mounted"}`);
  console.log(`eBPF: largest rate captured with zero loss: ${best.toExponential(2)} events/s; preload/eBPF rate ratio ×${(preRate / Math.max(best, 1)).toFixed(0)}`);
  // The same at the largest size with a 1-page perf buffer: where loss starts, and that it is reported.
  const small = await tracked([staticChurn, String(EBPF_PAIRS.at(-1))], 1);
  console.log(`eBPF uprobes, 1-page perf buffer: ${small.events} events captured, ${small.lost} reported lost (${((small.lost / (small.events + small.lost)) * 100).toFixed(1)}%)`);
}
cleanupTempDirs();
