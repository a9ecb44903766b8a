/**
 * What `pacer exec --mode simulation` counts for programs of known instruction budget
 * (test/simulation/programs), next to valgrind's own count of the same functions (a plain callgrind
 * run read by callgrind_annotate --inclusive=yes).
 *
 *   npx bun bench/simulation-exec-counts.ts
 *   PACER_UNDER_TEST="bun /path/to/old/checkout/src/cli.ts" npx bun bench/simulation-exec-counts.ts
 *
 * @module
 */
import { join } from "node:path";
import { compilePrograms, pacerExec, valgrindReference } from "../test/simulation/exec-runs.ts";
import { PACER } from "./_pacer.ts";

const pacer = process.env.PACER_UNDER_TEST?.split(" ") ?? PACER;
const progs = compilePrograms(["tiny", "loop", "ctor-dtor", "fork", "spawn"]);
const p = (name: string) => join(progs.dir, name);
const cases: Array<{ name: string; argv: string[]; budget: string; reference?: string[] }> = [
  { name: "tiny main", argv: [p("tiny")], budget: "main: 2", reference: ["main"] },
  { name: "1M loop", argv: [p("loop")], budget: "main: 1,000,000", reference: ["main"] },
  { name: "ctor/main/atexit/dtor", argv: [p("ctor-dtor")], budget: "1,000,000", reference: ["budget_ctor", "main", "budget_atexit", "budget_dtor"] },
  { name: "fork", argv: [p("fork")], budget: "parent 300,000 + child 600,000" },
  { name: "posix_spawn of loop 200000", argv: [p("spawn"), p("loop"), "200000"], budget: "parent 200,000 + child 400,000" },
];
console.log(`pacer: ${pacer.join(" ")}`);
console.log("| program | budget | valgrind (inclusive of the budget functions) | pacer exec Ir (twice) | per process |");
console.log("|---|---|---|---|---|");
for (const c of cases) {
  const ref = c.reference ? valgrindReference(c.argv, c.reference).inclusive.toLocaleString("en") : "";
  const a = pacerExec(c.argv, progs.dir, {}, pacer);
  const b = pacerExec(c.argv, progs.dir, {}, pacer);
  const irs = [a, b].map((r) => (r.ir === undefined ? `failed (${r.code})` : r.ir.toLocaleString("en"))).join(" / ");
  console.log(`| ${c.name} | ${c.budget} | ${ref} | ${irs} | ${a.processes.map((x) => x.ir.toLocaleString("en")).join(" + ")} |`);
}
progs.dispose();
