// `pacer exec` walltime rounds under CPU contention: no round may be shorter than the command can
// take. Busy loops (real `sh` processes) keep every core loaded so pacer gets descheduled around the
// spawn; before the clock moved in front of the spawn this reported 6.7 ms for `sleep 0.01` and
// 84 µs for a program that burns 3 ms of CPU. The bounds are lower bounds only: no upper bound on a
// loaded machine.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runHarness } from "../../src/commands/harness.ts";
import type { WalltimeResultsJson } from "../../src/harness/results-file.ts";
import type { ExecTarget } from "../../src/plugin/types.ts";
import { which } from "../helpers/pacer.ts";

let work = "";
let spin = "";
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pacer-round-timing-"));
  if (!which("cc")) return;
  // Burns 3 ms of its own CPU time: its wall time cannot be shorter, however the machine is loaded.
  const src = join(work, "spin.c");
  await writeFile(
    src,
    `#include <time.h>
int main(void) {
  struct timespec t;
  do clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); while (t.tv_sec == 0 && t.tv_nsec < 3000000);
  return 0;
}
`,
  );
  spin = join(work, "spin");
  const r = spawnSync("cc", ["-O1", "-o", spin, src], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cc failed: ${r.stderr}`);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Two busy loops per core for the duration of `body`, so pacer competes for the CPU. */
async function underLoad<T>(body: () => Promise<T>): Promise<T> {
  const busy = Array.from({ length: 2 * availableParallelism() }, () =>
    Bun.spawn(["sh", "-c", "while :; do :; done"], { stdio: ["ignore", "ignore", "ignore"] }),
  );
  try {
    return await body();
  } finally {
    for (const b of busy) b.kill("SIGKILL");
    await Promise.all(busy.map((b) => b.exited));
  }
}

async function measure(target: ExecTarget): Promise<WalltimeResultsJson> {
  const folder = await mkdtemp(join(work, "profile-"));
  // Private FIFO paths that do not exist: the harness runs as without a runner.
  const fifo = { ctlPath: join(work, "absent.ctl"), ackPath: join(work, "absent.ack") };
  await underLoad(() => runHarness({ mode: "walltime", targets: [target] }, { fifo, profileFolder: folder }));
  return JSON.parse(await readFile(join(folder, "results", `${process.pid}.json`), "utf8"));
}

describe("walltime rounds under load", () => {
  test("exec -- sleep 0.01: no round below 10 ms while busy loops load every core", async () => {
    const res = await measure({
      name: "sleep 0.01",
      uri: "exec_harness::sleep 0.01",
      argv: ["sleep", "0.01"],
      walltime: { warmupTimeNs: 0, maxRounds: 60 },
    });
    const s = res.benchmarks[0]!.stats;
    expect(s.rounds).toBe(60);
    expect(s.min_ns).toBeGreaterThanOrEqual(10e6);
    // The spawn overhead is measured the same way, on a no-op, and reported beside the rounds.
    expect(res.metadata?.spawn_overhead_ns).toBeGreaterThan(0);
    expect(res.metadata?.spawn_overhead_samples).toBe(20);
  }, 60_000);

  test.skipIf(!which("cc"))("a program that burns 3 ms of CPU: no round below 3 ms while busy loops load every core", async () => {
    const res = await measure({ name: "spin", uri: "exec_harness::spin", argv: [spin], walltime: { warmupTimeNs: 0, maxRounds: 120 } });
    const s = res.benchmarks[0]!.stats;
    expect(s.rounds).toBe(120);
    expect(s.min_ns).toBeGreaterThanOrEqual(3e6);
  }, 60_000);
});
