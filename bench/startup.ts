/**
 * Start-up cost of `dist/pacer --version` against a bare Bun executable (console.log only) compiled
 * in the same run, as a ratio of medians (runs alternate). Run: `bun bench/startup.ts` after `npm run build`.
 * src/cli-imports.test.ts keeps the entry's static import graph small, so this holds as code grows.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, median } from "./_pacer.ts";

const pacer = join(ROOT, "dist/pacer");
if (!existsSync(pacer)) throw new Error('Missing "dist/pacer": run `npm run build` first');

const dir = mkdtempSync(join(tmpdir(), "pacer-startup-"));
writeFileSync(join(dir, "hello.ts"), 'console.log("0.0.0");\n');
const built = await Bun.build({ entrypoints: [join(dir, "hello.ts")], compile: { outfile: join(dir, "hello") }, minify: true });
if (!built.success) throw new Error("Cannot compile the baseline executable");

function timeMs(argv: string[]): number {
  const t0 = performance.now();
  const r = Bun.spawnSync(argv, { stdout: "ignore", stderr: "ignore" });
  if (r.exitCode !== 0) throw new Error(`"${argv.join(" ")}" exited with ${r.exitCode}`);
  return performance.now() - t0;
}


const GOAL = 1.2;
const runs = Number(process.env.RUNS ?? 30);
const hello = join(dir, "hello");
const p: number[] = [];
const b: number[] = [];
try {
  // Warm the page cache for both, then alternate them so that load from other processes hits both alike.
  for (let i = 0; i < 3; i++) timeMs([pacer, "--version"]), timeMs([hello]);
  for (let i = 0; i < runs; i++) {
    p.push(timeMs([pacer, "--version"]));
    b.push(timeMs([hello]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ratio = median(p) / median(b);
console.log(`pacer --version: ${median(p).toFixed(1)} ms median of ${runs}`);
console.log(`bare bun binary: ${median(b).toFixed(1)} ms median of ${runs} (compiled in this run)`);
console.log(`ratio: ${ratio.toFixed(2)}x (goal ≤ ${GOAL}x): ${ratio <= GOAL ? "PASS" : "FAIL"}`);
