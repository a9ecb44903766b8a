/**
 * Parse throughput of pacer's streaming callgrind parser against `callgrind_annotate` (Debian's
 * valgrind ships it) on the same ≥100 MB callgrind file, in the same run.
 *
 *   npx bun bench/simulation-parse.ts [file.out]
 *
 * Prints MB/s (median of BENCH_REPEAT=3) by wall and by CPU time, the ratio to callgrind_annotate,
 * and the parse's peak RSS on the big file against a ~1 MB one: it must not grow with the file.
 * It also times building a result of the same shape with no parsing ("result alone"): on a VM where
 * a first touch of a page is slow, the result's memory is a floor the parse cannot go below.
 * Every figure includes JavaScriptCore compiling the code, as a real parse does: a process parses
 * its callgrind files once.
 *
 * Without a file, one is produced once with a real valgrind run (node under callgrind with
 * per-instruction positions, jumps and caller separation: ~180 MB) and kept in
 * $TMPDIR/pacer-bench/callgrind-big.out for later runs.
 *
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FunctionCosts } from "../plugins/simulation/function-costs.ts";
import { NameInterner } from "../plugins/simulation/name-interner.ts";
import { parseCallgrindFile } from "../plugins/simulation/parse-callgrind.ts";
import { median } from "./_pacer.ts";

const MIN_BYTES = 100 * 1024 * 1024;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

function bigFile(): string {
  const given = process.argv[2];
  if (given) return given;
  const dir = join(tmpdir(), "pacer-bench");
  const path = join(dir, "callgrind-big.out");
  if (existsSync(path) && statSync(path).size >= MIN_BYTES) return path;
  mkdirSync(dir, { recursive: true });
  console.log(`Producing ${path} with valgrind (a few minutes)...`);
  const script = "let s=0; for (let i=0;i<1e4;i++) s+=JSON.stringify({i}).length; console.log(s)";
  const r = Bun.spawnSync(
    ["valgrind", "-q", "--tool=callgrind", "--cache-sim=yes", "--dump-instr=yes", "--dump-line=yes", "--collect-jumps=yes",
      "--separate-callers=6", "--compress-strings=no", "--compress-pos=no", "--collect-systime=nsec",
      `--callgrind-out-file=${path}`, "node", "-e", script],
    { stdout: "ignore", stderr: "inherit" },
  );
  if (r.exitCode !== 0 || statSync(path).size < MIN_BYTES) throw new Error(`valgrind did not produce a ${MIN_BYTES}-byte file at "${path}"`);
  return path;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Parses in a child process so that its peak RSS is the parse's alone. */
function timePacer(path: string): Timing & Shape & { maxRssMb: number } {
  const r = Bun.spawnSync([process.execPath, import.meta.path, "--parse-only", path], { stdout: "pipe", stderr: "inherit" });
  if (r.exitCode !== 0) throw new Error(`parsing "${path}" failed with exit code ${r.exitCode}`);
  const out = JSON.parse(r.stdout.toString()) as Timing & Shape;
  // resourceUsage.maxRSS is in bytes.
  return { ...out, maxRssMb: Number(r.resourceUsage!.maxRSS) / (1024 * 1024) };
}

/** What a parse returns, in counts: enough to build the same result without parsing. */
interface Shape {
  functions: number;
  edges: number;
  width: number;
}

async function parseOnly(path: string): Promise<void> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await parseCallgrindFile(path, { functionsFor: () => true });
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const all = out.parts.flatMap((p) => (p.functions ? [p.functions] : []));
  const shape: Shape = {
    functions: all.reduce((n, f) => n + f.count, 0),
    edges: all.reduce((n, f) => n + f.edgeCount, 0),
    width: Math.max(0, ...out.parts.map((p) => p.events.length)),
  };
  console.log(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, ...shape }));
}

/**
 * Builds a result of the same shape as the parse's (as many functions and edges, through the same
 * `FunctionCosts` columns and lookups, one cost added into every vector) without reading anything:
 * the cost of the result's memory alone, which the parse cannot go below. On a VM where first
 * touching a page is slow, that is much of it.
 */
function outputOnly(shape: Shape): void {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const costs = new FunctionCosts(shape.width, new NameInterner());
  const line = new TextEncoder().encode("0x1 1 1\n");
  // Name ids stand for themselves: no name is hashed.
  for (let k = 0; k < shape.functions; k++) costs.addSelf(costs.function(0, k), line, 0, line.length, 2);
  for (let k = 0; k < shape.edges; k++) costs.addCall(k % shape.functions, 0, (k * 7 + 1) % shape.functions, 1, line, 0, line.length, 2);
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, kept: costs.count }));
}

function timeOutputOnly(shape: Shape): Timing {
  const r = Bun.spawnSync([process.execPath, import.meta.path, "--output-only", JSON.stringify(shape)], { stdout: "pipe", stderr: "inherit" });
  if (r.exitCode !== 0) throw new Error(`building the result alone failed with exit code ${r.exitCode}`);
  return JSON.parse(r.stdout.toString()) as Timing;
}

function timeAnnotate(path: string): Timing {
  const t = performance.now();
  // --inclusive=yes: the same work as pacer (self and inclusive cost per function).
  const r = Bun.spawnSync(["callgrind_annotate", "--inclusive=yes", path], { stdout: "ignore", stderr: "ignore" });
  if (r.exitCode !== 0) throw new Error(`callgrind_annotate failed with exit code ${r.exitCode}`);
  const wallMs = performance.now() - t;
  return { wallMs, cpuMs: Number(r.resourceUsage!.cpuTime.total) / 1000 };
}

/** A small real callgrind file (the 5-part tinybench fixture, ~1 MB), for the peak-RSS comparison. */
function smallFile(): { path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-bench-parse-"));
  const path = join(dir, "small.out");
  writeFileSync(path, gunzipSync(readFileSync(join(import.meta.dir, "..", "test", "fixtures", "simulation", "node-combined.out.gz"))));
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const GOAL_MB_S = 300;
/** Peak RSS may grow with the functions found, not with the bytes read: at most this much over a ~1 MB file. */
const RSS_BOUND_MB = 400;

if (process.argv[2] === "--output-only") {
  outputOnly(JSON.parse(process.argv[3]!) as Shape);
  process.exit(0);
}
if (process.argv[2] === "--parse-only") {
  await parseOnly(process.argv[3]!);
  process.exit(0);
}
if (!Bun.which("callgrind_annotate")) {
  console.log("callgrind_annotate is not installed (Debian: apt-get install valgrind): nothing to compare against");
  process.exit(1);
}
const path = bigFile();
const mb = statSync(path).size / (1024 * 1024);
const pacer: Timing[] = [];
const annotate: Timing[] = [];
const resultOnly: Timing[] = [];
let functions = 0;
let bigRss = 0;
for (let i = 0; i < REPEAT; i++) {
  const p = timePacer(path);
  pacer.push(p);
  functions = p.functions;
  bigRss = Math.max(bigRss, p.maxRssMb);
  annotate.push(timeAnnotate(path));
  resultOnly.push(timeOutputOnly(p));
}
const small = smallFile();
const smallRss = timePacer(small.path).maxRssMb;
const smallMb = statSync(small.path).size / (1024 * 1024);
small.dispose();
const medianOf = (xs: Timing[], k: keyof Timing) => median(xs.map((x) => x[k]));
const rate = (ms: number) => mb / (ms / 1000);
const line = (name: string, xs: Timing[]) =>
  `${name} wall ${medianOf(xs, "wallMs").toFixed(0)} ms (${rate(medianOf(xs, "wallMs")).toFixed(1)} MB/s), cpu ${medianOf(xs, "cpuMs").toFixed(0)} ms (${rate(medianOf(xs, "cpuMs")).toFixed(1)} MB/s)`;
console.log(`file: ${path} (${mb.toFixed(1)} MB, ${functions} functions), median of ${REPEAT}`);
console.log(line("pacer parser:      ", pacer));
console.log(line("callgrind_annotate:", annotate));
// Not a goal: what building a result of the same shape costs here with no parsing at all.
console.log(`${line("result alone:      ", resultOnly)} (as many functions and edges in the same columns, no reading, no names)`);
console.log(`ratio (wall): pacer parses ${(medianOf(annotate, "wallMs") / medianOf(pacer, "wallMs")).toFixed(2)}x as fast as callgrind_annotate`);
console.log(`ratio (cpu):  ${(medianOf(annotate, "cpuMs") / medianOf(pacer, "cpuMs")).toFixed(2)}x`);
console.log(`peak RSS: ${bigRss.toFixed(0)} MB parsing ${mb.toFixed(0)} MB, ${smallRss.toFixed(0)} MB parsing ${smallMb.toFixed(1)} MB (bound: +${RSS_BOUND_MB} MB)`);
// Wall time on a shared machine counts other processes' turns; CPU time is the parser's own work.
const ok = rate(medianOf(pacer, "cpuMs")) >= GOAL_MB_S && bigRss - smallRss <= RSS_BOUND_MB;
console.log(`goal ≥ ${GOAL_MB_S} MB/s (cpu) with bounded memory: ${ok ? "PASS" : "FAIL"}`);
