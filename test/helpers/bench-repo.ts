/**
 * A throw-away git repository holding a small tinybench suite (the shape of examples/tinybench, with
 * @codspeed/tinybench-plugin) whose `fib` benchmark's size is a constant in the file, so a commit can
 * make exactly one benchmark slower. `node_modules` is a symlink to pacer's own install (ignored by git).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./pacer.ts";

export const SLOWED = "fib";
export const STEADY = "array sort";

function suite(fibN: number): string {
  return `import { Bench } from "tinybench";
import { withCodSpeed } from "@codspeed/tinybench-plugin";
const bench = withCodSpeed(new Bench({ name: "server-e2e", time: 50 }));
const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));
bench
  .add(${JSON.stringify(SLOWED)}, () => { fib(${fibN}); })
  .add(${JSON.stringify(STEADY)}, () => { Array.from({ length: 500 }, (_, i) => (i * 7919) % 500).sort((a, b) => a - b); });
await bench.run();
`;
}

function git(dir: string, args: string[]): string {
  const r = Bun.spawnSync(["git", "-c", "user.name=pacer", "-c", "user.email=pacer@example.com", ...args], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.toString().trim();
}

export interface BenchRepo {
  dir: string;
  /** Commits the suite with `fib(n)`; returns the commit id. */
  commit(fibN: number, message: string): string;
  checkout(branch: string, create?: boolean): void;
  remove(): void;
}

export function benchRepo(): BenchRepo {
  const dir = mkdtempSync(join(tmpdir(), "pacer-bench-repo-"));
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["remote", "add", "origin", "https://github.com/acme/bench.git"]);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, ".gitignore"), "node_modules\n.pacer\n");
  writeFileSync(join(dir, "package.json"), `{ "name": "bench", "private": true, "type": "module" }\n`);
  return {
    dir,
    commit(fibN, message) {
      writeFileSync(join(dir, "bench.mjs"), suite(fibN));
      git(dir, ["add", "-A"]);
      git(dir, ["commit", "-q", "-m", message]);
      return git(dir, ["rev-parse", "HEAD"]);
    },
    checkout(branch, create = false) {
      git(dir, ["checkout", "-q", ...(create ? ["-b"] : []), branch]);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
