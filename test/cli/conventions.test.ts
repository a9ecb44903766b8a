/**
 * One set of conventions for every command, over the command table of src/cli.ts (a command added
 * there is covered without touching this file, except for its `--json` case, which the last test
 * asks for): an unknown flag exits 2 with one line and no stack, a mistyped flag gets a "did you
 * mean", `--help` exits 0, colour follows --color > FORCE_COLOR > NO_COLOR > the terminal, `--json`
 * prints one object with a `schema`, and a reader that goes away (EPIPE) ends the command quietly.
 * The built binary runs, on a prepared history in a scratch folder; nothing here runs a benchmark
 * (run, exec, analyze and upload are in conventions-run.test.ts, under the FIFO lock).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../src/cli.ts";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation } from "../history/make-record.ts";
import { BINARY, hasBinary, runPacer } from "../helpers/pacer.ts";

/** Every public command (`__name` ones are internal). */
const PUBLIC_COMMANDS = Object.keys(COMMANDS).filter((c) => !c.startsWith("__"));

const work = mkdtempSync(join(tmpdir(), "pacer-conventions-"));
// `pacer use` keeps its per-shell file under XDG_RUNTIME_DIR, which must be a folder of ours.
mkdirSync(join(work, "runtime"), { mode: 0o700 });
afterAll(() => rmSync(work, { recursive: true, force: true }));
const history = join(work, "history.db");
const base = makeRecord({ measurements: [simulation()] });
const head = makeRecord({ measurements: [simulation({ "fib 20": 1.02 })] });
const h = openHistory({ cwd: work, path: history });
for (const r of [base, head]) (h.begin(r), h.finish(r));
h.close();

interface JsonCase {
  /** `scratch`: a folder name of its own for each call (plugin init refuses to overwrite). */
  args: (scratch: string) => string[];
  /** The exit code with that JSON (auth status without a login is 1). */
  code?: number;
  env?: Record<string, string>;
  schema: string;
}

/** A minimal valid `--json` invocation per command, or why it has none here. */
const JSON_CASES: Record<string, JsonCase | { elsewhere: string } | { none: string }> = {
  run: { elsewhere: "conventions-run.test.ts (runs a benchmark)" },
  exec: { elsewhere: "conventions-run.test.ts (runs a benchmark)" },
  analyze: { elsewhere: "conventions-run.test.ts (needs a profile folder from a run)" },
  upload: { elsewhere: "conventions-run.test.ts (needs a profile folder from a run)" },
  setup: { none: "changes the system (installs tools, writes sysctls): its JSON is doctor's probe shape" },
  doctor: { args: () => ["doctor", "--json"], schema: "pacer.doctor/1" },
  plugin: { args: (scratch) => ["plugin", "init", "demo", "--dir", join(work, scratch), "--json"], schema: "pacer.plugin-init/1" },
  auth: { args: () => ["auth", "status", "--json"], code: 1, env: { HOME: join(work, "home"), XDG_CONFIG_HOME: join(work, "home/.config") }, schema: "pacer.auth-status/1" },
  runs: { args: () => ["runs", "--history", history, "--json"], schema: "pacer.runs/1" },
  compare: { args: () => ["compare", base.id, head.id, "--history", history, "--json"], schema: "pacer.compare/1" },
  report: { args: () => ["report", head.id, "--history", history, "-o", join(work, "report.html"), "--json"], schema: "pacer.report/1" },
  export: { args: () => ["export", head.id, "--history", history, "--format", "csv", "-o", join(work, "export.csv"), "--json"], schema: "pacer.export/1" },
  use: { args: () => ["use", "walltime", "--json"], env: { XDG_RUNTIME_DIR: join(work, "runtime") }, schema: "pacer.use/1" },
  show: { args: () => ["show", "--json"], env: { XDG_RUNTIME_DIR: join(work, "runtime") }, schema: "pacer.show/1" },
  update: { elsewhere: "test/cli/update.test.ts (needs a release server on loopback)" },
  serve: { args: () => ["serve", "project", "list", "--data-dir", join(work, "serve"), "--json"], schema: "pacer.serve-projects/1" },
};

const ESC = "\x1b[";
const pacer = (args: string[], env: Record<string, string> = {}) => runPacer(args, { binary: true, cwd: work, env: { NO_COLOR: "", FORCE_COLOR: "", ...env } });

function expectOneUsageLine(r: { code: number | null; stdout: string; stderr: string }, message: string): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines[0]).toContain(message);
  // The message and at most its hint: no stack, no "Unexpected error".
  expect(lines.length).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toStartWith("  hint: ");
  expect(r.stderr).not.toContain("Unexpected error");
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe("");
}

test("the command table lists the commands of pacer --help", () => {
  for (const c of ["run", "exec", "setup", "doctor", "upload", "analyze", "plugin", "auth", "runs", "compare", "report", "export", "serve"]) expect(PUBLIC_COMMANDS).toContain(c);
});

describe.skipIf(!hasBinary())(`every command, through ${BINARY}`, () => {
  describe.each(PUBLIC_COMMANDS)("pacer %s", (command) => {
    test("an unknown flag exits 2 with one line, no stack", async () => {
      expectOneUsageLine(await pacer([command, "--bogus-flag"]), `Invalid arguments for "pacer ${command}": Unknown option '--bogus-flag'`);
    });

    test("a mistyped flag gets a did-you-mean", async () => {
      expectOneUsageLine(await pacer([command, "--hepl"]), `Unknown option '--hepl', did you mean "--help"?`);
    });

    test("--help prints the usage and exits 0", async () => {
      const r = await pacer([command, "--help"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toStartWith("Usage: pacer");
      expect(r.stdout).toContain(command);
    });

    test("colour: FORCE_COLOR enables off a terminal, NO_COLOR and --color=never disable, --color=always wins", async () => {
      const colored = async (args: string[], env: Record<string, string>) => (await pacer([command, "--bogus-flag", ...args], env)).stderr.includes(ESC);
      expect(await colored([], {})).toBe(false);
      expect(await colored([], { FORCE_COLOR: "1" })).toBe(true);
      expect(await colored([], { FORCE_COLOR: "0" })).toBe(false);
      expect(await colored([], { NO_COLOR: "1" })).toBe(false);
      expect(await colored(["--color=never"], { FORCE_COLOR: "1" })).toBe(false);
      expect(await colored(["--color", "always"], { NO_COLOR: "1" })).toBe(true);
    });

    test("--json prints one object carrying its schema (or the case says why not)", async () => {
      const c = JSON_CASES[command];
      expect(c, `add a --json case for "pacer ${command}" to JSON_CASES in test/cli/conventions.test.ts`).toBeDefined();
      if (!c || !("args" in c)) return;
      const r = await pacer(c.args("json"), c.env);
      expect(r.code, r.stderr).toBe(c.code ?? 0);
      const out = JSON.parse(r.stdout) as { schema: string };
      expect(out.schema).toBe(c.schema);
      expect(Object.keys(out)[0]).toBe("schema");
    }, 60_000);

    test("a reader that goes away (EPIPE) ends it quietly, with its own exit code", async () => {
      const c = JSON_CASES[command];
      // Without a JSON case, --help is the output to cut.
      const args = c && "args" in c ? c.args("epipe") : [command, "--help"];
      const code = c && "args" in c ? (c.code ?? 0) : 0;
      // `:` exits without reading: every write of pacer to the pipe fails with EPIPE.
      const r = Bun.spawnSync(["bash", "-c", 'set -o pipefail; "$@" | :', "bash", BINARY, ...args], {
        cwd: work,
        env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", ...(c && "args" in c ? c.env : {}) },
      });
      expect(r.stderr.toString()).not.toContain("EPIPE");
      expect(r.stderr.toString()).not.toContain("Unexpected error");
      expect(r.exitCode).toBe(code);
    }, 60_000);
  });
});

test.skipIf(!hasBinary())("a mistyped command gets a did-you-mean and exits 2", async () => {
  expectOneUsageLine(await pacer(["rnu"]), `Unknown command "rnu", did you mean "run"?`);
  expectOneUsageLine(await pacer(["comapre"]), `Unknown command "comapre", did you mean "compare"?`);
});

test.skipIf(!hasBinary())("a mistyped mode gets a did-you-mean and exits 2", async () => {
  expectOneUsageLine(await pacer(["exec", "--mode", "walltiem", "--", "true"]), `Unknown mode "walltiem", did you mean "walltime"?`);
});

test.skipIf(!hasBinary())("--color without a valid value is a usage error", async () => {
  expectOneUsageLine(await pacer(["runs", "--color=sometimes"]), `Invalid --color "sometimes"`);
});
