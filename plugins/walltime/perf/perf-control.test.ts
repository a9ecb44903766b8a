import { afterAll, describe, expect, test } from "bun:test";
import { closeSync, constants, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerfControl } from "./perf-control.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-perf-ctl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fifos(name: string): [string, string] {
  const ctl = join(dir, `${name}.ctl`);
  const ack = join(dir, `${name}.ack`);
  Bun.spawnSync(["mkfifo", ctl, ack]);
  return [ctl, ack];
}

describe("PerfControl", () => {
  test("send() fails after its deadline when nobody acks", async () => {
    const pc = PerfControl.open(...fifos("silent"), 50);
    const t = performance.now();
    await expect(pc.send("enable")).rejects.toThrow('perf did not acknowledge "enable" within 50 ms');
    expect(performance.now() - t).toBeLessThan(500);
    pc.close();
  });

  test("a shortened wait is lifted when a late ack shows perf is only slow", async () => {
    const [ctl, ack] = fifos("slow");
    const pc = PerfControl.open(ctl, ack, 2000);
    const perfSide = openSync(ack, constants.O_RDWR | constants.O_NONBLOCK);
    await expect(pc.send("enable", 5)).rejects.toThrow("within 5 ms");
    // The ack of that enable arrives late; the next command's own ack 60 ms after it is sent.
    writeSync(perfSide, "ack\n\0");
    setTimeout(() => writeSync(perfSide, "ack\n\0"), 60);
    await pc.send("disable", 5);
    closeSync(perfSide);
    pc.close();
  });

  test.skipIf(!Bun.which("perf"))("real perf: enable, ping and disable are acked well under 1 s; after perf exits, send() times out", async () => {
    const [ctl, ack] = fifos("perf");
    const pc = PerfControl.open(ctl, ack);
    const data = join(dir, "perf.data");
    const perf = Bun.spawn(["perf", "record", "--no-bpf-event", "-q", "--delay=-1", `--control=fifo:${ctl},${ack}`, "-o", data, "--", "sleep", "1.5"], { stderr: "pipe" });
    await Bun.sleep(700); // perf listens on the FIFO once the workload runs
    for (const cmd of ["enable", "ping", "disable"] as const) {
      const t = performance.now();
      await pc.send(cmd);
      expect(performance.now() - t).toBeLessThan(400);
    }
    expect(await perf.exited).toBe(0);
    expect(statSync(data).size).toBeGreaterThan(0);
    await expect(pc.send("enable")).rejects.toThrow("did not acknowledge");
    pc.close();
  });
});
