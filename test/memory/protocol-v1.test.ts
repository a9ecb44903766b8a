// End to end: `pacer run --mode memory` with a protocol-v1 client (raw FIFO frames, as older
// pytest-codspeed / codspeed-cpp builds send them: PingPerf only). pacer answers Err as the CodSpeed
// runner does, and says why the run has no benchmarks instead of "no allocation events".
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { memoryMetrics, pacer } from "./cli.ts";
import { KNOWN } from "./expectations.ts";
import { cleanupTempDirs, compile, ensurePreload, FIXTURES, hasCompiler, tempDir } from "./memory-driver.ts";

afterAll(cleanupTempDirs);

const CLIENTS = `${process.execPath} ${join(FIXTURES, "fifo-clients.ts")}`;
const dir = tempDir("v1");
const NEEDS = "memory mode needs a protocol-v2 integration (pytest-codspeed ≥ 4.3.0, codspeed-cpp ≥ 2.1.0, codspeed-rust ≥ 4.2.0)";

beforeAll(async () => {
  await ensurePreload();
  if (hasCompiler) compile("malloc-free.c", dir);
}, 120_000);

describe("pacer run --mode memory with a protocol-v1 integration", () => {
  test("a client that only sends PingPerf gets Err, and the run fails saying a v1 integration was seen", () => {
    const r = pacer(["run", "--mode", "memory", "--skip-upload", "--", `${CLIENTS} v1`], dir);
    expect(r.stdout).toContain("v1 PingPerf -> Err");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`A protocol-v1 integration was seen (it only sent PingPerf, no name or version): ${NEEDS}`);
    expect(r.stderr).toContain("hint: Upgrade the benchmark's CodSpeed integration");
    expect(r.stderr).not.toContain("No allocation events were recorded");
  }, 120_000);

  test("the error names the integration when it sent SetIntegration", () => {
    const r = pacer(["run", "--mode", "memory", "--skip-upload", "--", `${CLIENTS} v1 pytest-codspeed 2.2.1`], dir);
    expect(r.stdout).toContain("v1 PingPerf -> Err");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`A protocol-v1 integration was seen ("pytest-codspeed" 2.2.1): ${NEEDS}`);
  }, 120_000);

  test.skipIf(!hasCompiler)("next to a v2 client's benchmark it is a warning and a note, and the benchmark is measured", () => {
    const r = pacer(["run", "--mode", "memory", "--skip-upload", "--json", "--", `${CLIENTS} v1 && ${CLIENTS} v2 ./malloc-free`], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("A protocol-v1 integration was seen");
    const { metrics, notes } = memoryMetrics(r.stdout);
    // The window opens in the Bun client, whose runtime threads may allocate through glibc while it
    // waits for its child: the program's own allocations are a lower bound, not the exact count.
    const known = KNOWN["malloc-free.c"]!;
    for (const [k, v] of Object.entries(known)) expect(metrics["bench"]![k]).toBeGreaterThanOrEqual(v as number);
    expect(metrics["bench"]!.alloc_count).toBeLessThan((known.alloc_count as number) + 50);
    expect(notes.some((n) => n.startsWith("A protocol-v1 integration was seen"))).toBe(true);
  }, 120_000);
});
