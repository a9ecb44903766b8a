/**
 * Cost of the walltime collect step's native symbols for one module: pacer reading `.symtab` +
 * `.dynsym`, sizing them and formatting `perf-<pid>.map` lines, against binutils' `nm` listing the
 * same two tables sorted with sizes (`nm -nS --defined-only`, plus `-D`), on the same file in the
 * same run. Default file: node's binary (~180k symbols).
 *
 *   npx bun bench/walltime-native-symbols.ts [elf-file]
 *
 * @module
 */
import { moduleSymbols } from "../src/toolkit/elf/symbols.ts";
import { perfMapText } from "../plugins/walltime/symbols/native-symbols.ts";
import { median } from "./_pacer.ts";

const file = process.argv[2] ?? Bun.which("node");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
if (!file || !Bun.which("nm")) {
  console.log("skipped: needs an ELF file (node on PATH) and binutils' nm");
  process.exit(0);
}

function timePacer(): { ms: number; symbols: number } {
  const t = performance.now();
  const symbols = moduleSymbols(file!);
  if (typeof symbols === "string") throw new Error(`Cannot read "${file}": ${symbols}`);
  perfMapText(symbols, 0x7f0000000000n);
  return { ms: performance.now() - t, symbols: symbols.length };
}

function timeNm(): number {
  const t = performance.now();
  for (const dyn of [[], ["-D"]]) {
    const r = Bun.spawnSync(["nm", "-nS", "--defined-only", ...dyn, file!], { stdout: "pipe", stderr: "ignore" });
    if (r.exitCode !== 0) throw new Error(`nm failed with exit code ${r.exitCode}`);
  }
  return performance.now() - t;
}

const pacer: number[] = [];
const nm: number[] = [];
let symbols = 0;
for (let i = 0; i < REPEAT; i++) {
  const p = timePacer();
  pacer.push(p.ms);
  symbols = p.symbols;
  nm.push(timeNm());
}
const [p, n] = [median(pacer), median(nm)];
console.log(`${file}: ${symbols} symbols, median of ${REPEAT}`);
console.log(`  pacer (read + size + perf map text): ${p.toFixed(0)} ms`);
console.log(`  nm -nS --defined-only (+ -D):         ${n.toFixed(0)} ms  (baseline)`);
console.log(`  ratio pacer / nm: ${(p / n).toFixed(2)}`);
