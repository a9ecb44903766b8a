/**
 * Wall-time overhead of `pacer run --mode simulation` over running the very same valgrind command
 * directly, on the tinybench suite of test/fixtures/simulation/suite (copied into a throw-away git
 * repository: @codspeed/core needs a real `.git` folder, which a git worktree does not have).
 *
 *   npx bun bench/simulation-overhead.ts
 *
 * The direct command is the one pacer runs: built by the same base command + simulation `wrap`
 * (node shim on PATH, integration env, wrapper, setarch, valgrind flags). Before timing, the bench
 * checks that it is the same: the valgrind command line pacer logs equals the direct one, and an
 * `env` run under both prints the same environment (run-specific temp paths aside). Simulation mode
 * has no runner FIFO (integrations talk to valgrind by client requests), so neither side has
 * anyone to answer one. Then BENCH_REPEAT (default 5) interleaved passes (direct, pacer, ...): the
 * instruction counts of every benchmark must match on both sides (callgrind counts are
 * deterministic: a difference means different work, and the ratio would not be about pacer).
 * Prints medians of wall and CPU time, the ratio, pacer's fixed cost by phase (runner.log
 * timestamps), and PASS/FAIL against ≤ 1.02× for the measured ratio and for pacer's own cost
 * (direct + fixed cost over direct: valgrind inside pacer runs the same command). The runs use the
 * probe cache, primed by an untimed `pacer doctor`. Uses dist/pacer when built (or $PACER_BIN),
 * else `bun src/cli.ts`; PACER_BASE=<binary> times an older build in the same rounds.
 *
 * @module
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACER, ROOT, median } from "./_pacer.ts";
import { PHASES, type SimPhases } from "./_sim-phases.ts";
import { normalizePaths, runDirect, runPacer, type PacerRun, type SimRun } from "./_sim-runs.ts";

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const GOAL = 1.02;
const SUITE = "node bench.mjs";

/** The suite in a fresh folder with a `.git` directory and pacer's node_modules. */
function suiteRepo(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-bench-sim-suite-"));
  cpSync(join(ROOT, "test", "fixtures", "simulation", "suite"), dir, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, ".git"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment `env` prints under valgrind on each side, sorted, temp paths as placeholders. */
async function sameEnvironment(cwd: string): Promise<void> {
  const seen: string[] = [];
  const envOf = (profile: string) => {
    const text = readFileSync(join(profile, "env.txt"), "utf8");
    seen.push(normalizePaths(text, profile).split("\n").filter(Boolean).sort().join("\n"));
  };
  const command = 'env > "$CODSPEED_PROFILE_FOLDER/env.txt"';
  const d = await runDirect(cwd, command, envOf);
  const p = await runPacer(cwd, PACER, command, envOf);
  if (d.command !== p.command) throw new Error(`The valgrind commands differ:\n direct: ${d.command}\n pacer:  ${p.command}`);
  if (seen[0] !== seen[1]) {
    const [a, b] = seen.map((s) => new Set(s!.split("\n")));
    const only = (x: Set<string>, y: Set<string>) => [...x].filter((l) => !y.has(l)).join("; ");
    throw new Error(`The environments differ: direct only: ${only(a!, b!)}; pacer only: ${only(b!, a!)}`);
  }
  console.log(`same valgrind command and environment (${seen[0]!.split("\n").length} variables): ${p.command}`);
}

/**
 * Per benchmark, the instruction counts of every pass on each side. Counts repeat exactly for the
 * same work, but a benchmark can vary by a few dozen instructions from run to run on both sides
 * alike (fib 12 here: tinybench formats timestamps whose digit count varies); the work is the same
 * when the two sides' ranges overlap.
 */
function sameWork(d: SimRun[], p: SimRun[]): { text: string; same: boolean } {
  const lines: string[] = [];
  let same = true;
  for (const uri of Object.keys(d[0]!.ir)) {
    const of = (rs: SimRun[]) => rs.map((r) => r.ir[uri]!);
    const [a, b] = [of(d), of(p)];
    const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`);
    const name = uri.split("::").pop();
    if (Math.max(...b) < Math.min(...a) || Math.max(...a) < Math.min(...b)) {
      same = false;
      lines.push(`${name}: DIFFERENT, direct ${a.join(", ")}; pacer ${b.join(", ")}`);
      continue;
    }
    lines.push(`${name}: ${range(a)} direct, ${range(b)} pacer${a.concat(b).every((n) => n === a[0]) ? " (equal)" : " (varies run to run on both sides)"}`);
  }
  return { text: lines.join("; "), same };
}

const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const runs = (xs: number[]) => xs.map(s).join(", ");

const repo = suiteRepo();
const direct: SimRun[] = [];
const pacer: PacerRun[] = [];
/** PACER_BASE=<older pacer binary>: also timed in every round, for a before/after in one run. */
const PACER_BASE = process.env.PACER_BASE;
const against: PacerRun[] = [];
// The older build gets a probe cache of its own: two versions sharing one would replace each
// other's entries (another format, or another key) and probe on every run.
const baseCache = PACER_BASE ? mkdtempSync(join(tmpdir(), "pacer-bench-base-cache-")) : undefined;
const baseEnv = baseCache ? { XDG_CACHE_HOME: baseCache } : undefined;
try {
  // `doctor` probes fresh and stores the result, as any first run on a machine would.
  Bun.spawnSync([...PACER, "doctor"], { cwd: repo.dir, stdout: "ignore", stderr: "ignore" });
  if (PACER_BASE) Bun.spawnSync([PACER_BASE, "doctor"], { cwd: repo.dir, stdout: "ignore", stderr: "ignore", env: { ...process.env, ...baseEnv } });
  await sameEnvironment(repo.dir);
  for (let i = 0; i < REPEAT; i++) {
    direct.push(await runDirect(repo.dir, SUITE));
    if (PACER_BASE) against.push(await runPacer(repo.dir, [PACER_BASE], SUITE, undefined, baseEnv));
    pacer.push(await runPacer(repo.dir, PACER, SUITE));
  }
} finally {
  repo.dispose();
  if (baseCache) rmSync(baseCache, { recursive: true, force: true });
}

const d = median(direct.map((r) => r.ms));
const p = median(pacer.map((r) => r.ms));
const phase = (k: keyof SimPhases, of = pacer) => median(of.map((r) => r.phases[k]));
const fixed = PHASES.filter((k) => k !== "valgrind").reduce((sum, k) => sum + phase(k), 0);
console.log(`suite: test/fixtures/simulation/suite (3 benchmarks), pacer: ${PACER.join(" ")}, median of ${REPEAT} interleaved passes`);
const work = sameWork(direct, pacer);
console.log(`instructions per benchmark: ${work.text}`);
console.log(`valgrind command directly: ${s(d)}  (runs: ${runs(direct.map((r) => r.ms))}), CPU ${s(median(direct.map((r) => r.cpuMs)))}`);
console.log(`pacer run:                 ${s(p)}  (runs: ${runs(pacer.map((r) => r.ms))}), CPU ${s(median(pacer.map((r) => r.cpuMs)))}`);
console.log(`valgrind inside pacer:     ${s(phase("valgrind"))}  (runs: ${runs(pacer.map((r) => r.phases.valgrind))})`);
console.log(`pacer's fixed cost ${s(fixed)} (medians): ${PHASES.filter((k) => k !== "valgrind").map((k) => `${k} ${s(phase(k))}`).join(", ")}`);
if (against.length) {
  const a = median(against.map((r) => r.ms));
  console.log(`instructions, PACER_BASE vs the direct runs: ${sameWork(direct, against).text}`);
  console.log(`PACER_BASE ${PACER_BASE}: ${s(a)}  (runs: ${runs(against.map((r) => r.ms))}), ratio ${(a / d).toFixed(3)}x, fixed cost ${s(PHASES.filter((k) => k !== "valgrind").reduce((sum, k) => sum + phase(k, against), 0))}`);
}
const ratio = p / d;
// Per pass, pacer's time over the direct run just before it: each pair ran under close to the same load.
const paired = median(pacer.map((r, i) => r.ms / direct[i]!.ms));
// The times are still printed when a count differs, but they do not compare the same work then.
const verdict = (x: number) => (!work.same ? "FAIL (not the same work: see the instruction counts)" : x <= GOAL ? "PASS" : "FAIL");
console.log(`ratio: ${ratio.toFixed(3)}x the direct wall time (paired median ${paired.toFixed(3)}x; goal ≤ ${GOAL}x): ${verdict(ratio)}`);
// valgrind inside pacer is the same command doing the same work (checked above), so what pacer adds
// is its fixed cost; on a shared 2-core machine single valgrind runs move by seconds, more than it.
const own = (d + fixed) / d;
const spread = (Math.max(...direct.map((r) => r.ms)) - Math.min(...direct.map((r) => r.ms))) / d;
console.log(`pacer's own cost: (direct + fixed cost) / direct = ${own.toFixed(3)}x: ${verdict(own)} (the direct runs alone spread ${(spread * 100).toFixed(0)} % of their median)`);
