// The README's example plugin and `pacer __rusage` report the benchmark's own max RSS, not pacer's.
// Before: a static program touching 1 MiB reported 45.8 MB under `exec --plugin` (the harness's
// peak) and 30 MiB under `__rusage` (a Bun child inherits Bun's peak across exec). The programs are
// real static C programs that print their own VmHWM (kernel high-water mark) at exit, so the
// expected value comes from the kernel, not from this test.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBinary, runPacer, which } from "../helpers/pacer.ts";

const MiB = 1024 * 1024;
// Per-CPU RSS counters make wait4's value and VmHWM differ by up to a few hundred kB.
const SLACK = 512 * 1024;
const canBuild = which("cc") && spawnSync("cc", ["-static", "-x", "c", "-o", "/dev/null", "-"], { input: "int main(void){return 0;}" }).status === 0;

let work = "";
let peak = "";
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pacer-rusage-plugin-"));
  if (!canBuild) return;
  const src = join(work, "peak.c");
  await writeFile(
    src,
    `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Touches argv[1] KiB, then prints its own VmHWM in kB on stderr. */
int main(int argc, char **argv) {
  size_t kb = strtoul(argv[1], 0, 10);
  volatile char *p = malloc(kb << 10);
  memset((char *)p, 1, kb << 10);
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  while (fgets(line, sizeof line, f)) if (!strncmp(line, "VmHWM:", 6)) fprintf(stderr, "hwm %ld\\n", strtol(line + 6, 0, 10));
  return p[kb] != 1;
}
`,
  );
  peak = join(work, "peak");
  const r = spawnSync("cc", ["-O1", "-static", "-o", peak, src], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cc failed: ${r.stderr}`);
});
afterAll(() => rm(work, { recursive: true, force: true }));

const ownPeak = (stderr: string): number => Number(/hwm (\d+)/.exec(stderr)?.[1]) * 1024;

describe.skipIf(!hasBinary() || !canBuild)("max RSS of the benchmark itself (needs `npm run build` and a static cc)", () => {
  test.each([1, 50])("__rusage: a static program touching %d MiB reports its own peak", async (mib) => {
    const out = join(work, `rusage-${mib}.json`);
    const r = await runPacer(["__rusage", out, "--", peak, String(mib * 1024)], { binary: true });
    expect(r.code).toBe(0);
    const u = JSON.parse(await readFile(out, "utf8"));
    expect(u).toMatchObject({ exitCode: 0, signal: 0 });
    expect(Math.abs(u.maxRssBytes - ownPeak(r.stderr))).toBeLessThan(SLACK);
    expect(u.maxRssBytes).toBeGreaterThan(mib * MiB);
    expect(u.maxRssBytes).toBeLessThan(mib * MiB + 2 * MiB);
  }, 60_000);

  test("__rusage passes the exit status on and reports a death by signal", async () => {
    const out = join(work, "signal.json");
    const r = await runPacer(["__rusage", out, "--", "sh", "-c", "kill -9 $$"], { binary: true });
    expect(r.code).toBe(137);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ exitCode: -1, signal: 9 });
    const r3 = await runPacer(["__rusage", out, "--", "sh", "-c", "exit 3"], { binary: true });
    expect(r3.code).toBe(3);
  }, 60_000);

  test("the example plugin under exec reports each target's own max RSS, not the harness's", async () => {
    const profile = await mkdtemp(join(work, "profile-"));
    const r = await runPacer(
      ["exec", "--skip-upload", "--json", "--profile-folder", profile, "--plugin", "examples/plugins/rusage.ts",
        "--max-rounds", "2", "--warmup-time", "0", "--", peak, String(MiB / 1024)],
      { binary: true },
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const m = json.runs[0].measurements.find((x: { instrument: string }) => x.instrument === "rusage");
    expect(m.benchmarks).toHaveLength(1);
    const b = m.benchmarks[0];
    expect(b.name).toBe(`${peak} 1024 (whole command)`);
    // Near the 1 MiB it touched (plus a static binary's few hundred kB), far from pacer's ~30 MB.
    expect(b.metrics.max_rss).toBeGreaterThan(MiB);
    expect(b.metrics.max_rss).toBeLessThan(3 * MiB);
  }, 120_000);
});
