/**
 * A stand-in for a compiled (C/C++) benchmark built with CodSpeed's instrument-hooks, which cannot
 * be built here: it speaks the same runner FIFO protocol (pacer's own client) and writes a walltime
 * results file, but writes no perf map itself.
 *
 * Usage: bun native-bench.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connectFifoClient } from "../../src/protocol/fifo-client.ts";

const uri = "native.c::sum";
const client = await connectFifoClient();
await client?.setIntegration("native-standin", "1.0.0");
await client?.startBenchmark();
const t0 = Bun.nanoseconds();
let s = 0;
while (Bun.nanoseconds() - t0 < 50e6) for (let i = 0; i < 1e5; i++) s += i;
await client?.stopBenchmark();
await client?.executed(process.pid, uri);
client?.close();
const ns = (Bun.nanoseconds() - t0) / 100;
const stats = { min_ns: ns, max_ns: ns, mean_ns: ns, stdev_ns: 0, q1_ns: ns, median_ns: ns, q3_ns: ns, rounds: 100, total_time: ns * 1e-7 };
const dir = join(process.env.CODSPEED_PROFILE_FOLDER!, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({
  creator: { name: "native-standin", version: "1.0.0", pid: process.pid },
  instrument: { type: "walltime" },
  benchmarks: [{ name: "sum", uri, config: null, stats }],
}));
console.log(`native-standin done (${s > 0})`);
