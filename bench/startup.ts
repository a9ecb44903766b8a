/**
 * Start-up cost of `dist/pacer --version` against a bare Bun executable (console.log only) compiled
 * in the same run, as a ratio of medians. Run: `bun bench/startup.ts` after `npm run build`.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
const pacer = join(ROOT, "dist/pacer");
if (!existsSync(pacer)) throw new Error('Missing "dist/pacer": run `npm run build` first');

const dir = mkdtempSync(join(tmpdir(), "pacer-startup-"));
writeFileSync(join(dir, "hello.ts"), 'console.log("0.0.0");\n');
const built = await Bun.build({ entrypoints: [join(dir, "hello.ts")], compile: { outfile: join(dir, "hello") }, minify: true });
if (!built.success) throw new Error("Cannot compile the baseline executable");

function medianMs(argv: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    Bun.spawnSync(argv, { stdout: "ignore", stderr: "ignore" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const runs = Number(process.env.RUNS ?? 30);
// Interleave warm-up of both so the page cache treats them alike.
medianMs([pacer, "--version"], 3);
medianMs([join(dir, "hello")], 3);
const p = medianMs([pacer, "--version"], runs);
const b = medianMs([join(dir, "hello")], runs);
console.log(`pacer --version: ${p.toFixed(1)} ms median of ${runs}`);
console.log(`bare bun binary: ${b.toFixed(1)} ms median of ${runs}`);
console.log(`ratio: ${(p / b).toFixed(2)}x`);
