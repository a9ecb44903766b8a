/**
 * Runs the benchmarks under bench/, one after the other: `npm run bench` (all) or
 * `npm run bench -- <name>...` (e.g. `startup`, `simulation-parse`). Each prints its own ratios
 * against a baseline measured in the same run.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dir;
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.startsWith("_"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const wanted = Bun.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`Unknown benchmark(s) ${unknown.map((u) => `"${u}"`).join(", ")}: choose from ${all.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = Bun.spawnSync([process.execPath, join(dir, `${name}.ts`)], { stdio: ["inherit", "inherit", "inherit"] });
  if (r.exitCode !== 0) failed++;
}
process.exit(failed ? 1 : 0);
