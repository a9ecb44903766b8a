/**
 * Parse throughput of pacer's streaming callgrind parser against `callgrind_annotate` (Debian's
 * valgrind ships it) on the same ≥100 MB callgrind file, in the same run.
 *
 *   npx bun bench/simulation-parse.ts [file.out]
 *
 * Without a file, one is produced once with a real valgrind run (node under callgrind with
 * per-instruction positions, jumps and caller separation: ~180 MB) and kept in
 * $TMPDIR/pacer-bench/callgrind-big.out for later runs.
 *
 * @module
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCallgrindFile } from "../plugins/simulation/parse-callgrind.ts";

const MIN_BYTES = 100 * 1024 * 1024;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);

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

async function timePacer(path: string): Promise<Timing & { functions: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await parseCallgrindFile(path, { functionsFor: () => true });
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, functions: out.parts.reduce((n, p) => n + (p.functions?.length ?? 0), 0) };
}

function timeAnnotate(path: string): Timing {
  const t = performance.now();
  // --inclusive=yes: the same work as pacer (self and inclusive cost per function).
  const r = Bun.spawnSync(["callgrind_annotate", "--inclusive=yes", path], { stdout: "ignore", stderr: "ignore" });
  if (r.exitCode !== 0) throw new Error(`callgrind_annotate failed with exit code ${r.exitCode}`);
  const wallMs = performance.now() - t;
  return { wallMs, cpuMs: Number(r.resourceUsage!.cpuTime.total) / 1000 };
}

if (!Bun.which("callgrind_annotate")) {
  console.log("callgrind_annotate is not installed (Debian: apt-get install valgrind): nothing to compare against");
  process.exit(1);
}
const path = bigFile();
const mb = statSync(path).size / (1024 * 1024);
const pacer: Timing[] = [];
const annotate: Timing[] = [];
let functions = 0;
for (let i = 0; i < REPEAT; i++) {
  const p = await timePacer(path);
  pacer.push(p);
  functions = p.functions;
  annotate.push(timeAnnotate(path));
}
const best = (xs: Timing[], k: keyof Timing) => Math.min(...xs.map((x) => x[k]));
const line = (name: string, xs: Timing[]) =>
  `${name} wall ${best(xs, "wallMs").toFixed(0)} ms (${(mb / (best(xs, "wallMs") / 1000)).toFixed(1)} MB/s), cpu ${best(xs, "cpuMs").toFixed(0)} ms`;
console.log(`file: ${path} (${mb.toFixed(1)} MB, ${functions} functions), best of ${REPEAT}`);
console.log(line("pacer parser:      ", pacer));
console.log(line("callgrind_annotate:", annotate));
console.log(`ratio (wall): pacer parses ${(best(annotate, "wallMs") / best(pacer, "wallMs")).toFixed(2)}x as fast as callgrind_annotate`);
console.log(`ratio (cpu):  ${(best(annotate, "cpuMs") / best(pacer, "cpuMs")).toFixed(2)}x`);
