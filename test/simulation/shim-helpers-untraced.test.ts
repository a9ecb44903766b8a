// The node shim's helper processes (mktemp, the `node -e` flag reader, rm) are not traced by
// valgrind in a simulation run: real valgrind, the real shim, the real node. The program is a
// stand-in for @codspeed/core's introspection (labelled below): the real suite needs a git
// repository and takes twice as long under valgrind, and only the protocol matters here.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNodeShim } from "../../src/run/node-shim.ts";
import { valgrindFlags } from "../../plugins/simulation/valgrind-flags.ts";

const hasTools = Bun.which("valgrind") !== null && Bun.which("node") !== null;
const work = mkdtempSync(join(tmpdir(), "pacer-shim-untraced-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Stand-in for @codspeed/core: asked to introspect, it writes the flags it wants and exits;
// run again, it prints the flags node was started with.
const PROGRAM = `
const path = process.env.__CODSPEED_NODE_CORE_INTROSPECTION_PATH__;
if (path) require("fs").writeFileSync(path, JSON.stringify({ flags: ["--allow-natives-syntax", "--hash-seed=1"] }));
else console.log(JSON.stringify(process.execArgv));
`;

test.skipIf(!hasTools)("valgrind traces the shim and both node runs, not the shim's helpers", async () => {
  const shimDir = join(work, "shim");
  await writeNodeShim(shimDir);
  const program = join(work, "program.cjs");
  writeFileSync(program, PROGRAM);
  const out = join(work, "out");
  const tmp = join(work, "tmp");
  for (const d of [out, tmp]) mkdirSync(d);
  const node = Bun.which("node")!;
  const flags = valgrindFlags({ kind: "integration", cycleEstimation: false, enabled: {}, objSkip: [], outFile: `${out}/%p.out`, logFile: `${out}/valgrind.log` });
  const r = Bun.spawnSync(["valgrind", ...flags, "bash", "-c", `node ${program}`], {
    env: { PATH: `${shimDir}:${process.env.PATH}`, HOME: process.env.HOME ?? "/root", TMPDIR: tmp },
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(r.exitCode).toBe(0);
  expect(JSON.parse(r.stdout.toString())).toEqual(["--allow-natives-syntax", "--hash-seed=1"]);
  const commands = readdirSync(out)
    .filter((f) => f.endsWith(".out"))
    .map((f) => /^cmd: +(.*)$/m.exec(readFileSync(join(out, f), "utf8"))?.[1] ?? "")
    .sort();
  // The introspection run, and the shim (bash -c execs it) that execs the final run: same pid, one file.
  expect(commands).toEqual([`${node} --allow-natives-syntax --hash-seed=1 ${program}`, `${node} ${program}`]);
  expect(commands.join("\n")).not.toMatch(/mktemp|rm -f|node -e/);
  // The introspection file is gone all the same.
  expect(readdirSync(tmp)).toEqual([]);
}, 120_000);
