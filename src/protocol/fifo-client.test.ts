import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { captureLogger } from "../../test/fixtures/protocol/capture-logger.ts";
import { fifoDir, rawPeer } from "../../test/fixtures/protocol/raw-fifo.ts";
import { encodeFrame } from "./bincode.ts";
import type { FifoCommand } from "./commands.ts";
import { connectFifoClient } from "./fifo-client.ts";
import { startFifoServer } from "./fifo-server.ts";

let paths: ReturnType<typeof fifoDir>;
beforeEach(() => {
  paths = fifoDir();
});
afterEach(() => paths.cleanup());

const connect = (timeoutMs = 1000) => connectFifoClient({ ctlPath: paths.ctlPath, ackPath: paths.ackPath, timeoutMs });

/**
 * Bare FIFOs with replies queued in the ack pipe before the client asks: a stand-in for runners that
 * answer differently from pacer's server (old runners, a runner refusing v2), which we cannot run here.
 */
function scriptedRunner(...replies: FifoCommand[]) {
  execFileSync("mkfifo", [paths.ctlPath, paths.ackPath]);
  const queue = rawPeer(paths.ackPath, paths.ackPath); // holds the ack pipe open with the replies in it
  queue.write(Uint8Array.from(replies.flatMap((r) => [...encodeFrame(r)])));
  return { close: () => queue.close() };
}

describe("connectFifoClient", () => {
  test("returns null when the FIFOs do not exist, at once", async () => {
    const t0 = performance.now();
    expect(await connect()).toBeNull();
    expect(performance.now() - t0).toBeLessThan(50);
  });

  test("returns null when the paths exist but are not FIFOs", async () => {
    writeFileSync(paths.ctlPath, "");
    writeFileSync(paths.ackPath, "");
    expect(await connect()).toBeNull();
  });

  test("returns null after the timeout when nobody answers (FIFOs left by a dead runner)", async () => {
    execFileSync("mkfifo", [paths.ctlPath, paths.ackPath]);
    const t0 = performance.now();
    expect(await connect(100)).toBeNull();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95);
  });

  test("throws a PacerError when the runner answers SetVersion with Err", async () => {
    const runner = scriptedRunner({ kind: "Err" });
    const err = await connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacerError);
    expect((err as PacerError).message).toBe(`The runner at "${paths.ctlPath}" rejected protocol version 2`);
    runner.close();
  });

  test("returns null when an old runner answers GetIntegrationMode with Ack", async () => {
    const runner = scriptedRunner({ kind: "Ack" }, { kind: "Ack" });
    expect(await connect()).toBeNull();
    runner.close();
  });

  test("reports the mode pacer's server answers, and Err replies as PacerErrors", async () => {
    const server = await startFifoServer({
      ctlPath: paths.ctlPath,
      ackPath: paths.ackPath,
      mode: "analysis",
      log: captureLogger(),
      onEvent: (e) => (e.type === "executed" && e.uri === "bad" ? "err" : undefined),
    });
    const client = (await connect())!;
    expect(client.integrationMode()).toBe("analysis");
    await client.executed(1, "good");
    // (`.catch` rather than `expect().rejects`, which takes ~800 ms in bun 1.4.5's test runner)
    const err = await client.executed(1, "bad").catch((e: unknown) => e);
    expect((err as PacerError).message).toBe('The runner answered CurrentBenchmark(pid 1, "bad") with Err');
    expect(await client.request({ kind: "PingPerf" })).toEqual({ kind: "Ack" });
    // Requests issued together still go one at a time, each matched with its own reply.
    await Promise.all([client.startBenchmark(), client.stopBenchmark(), client.executed(2, "c")]);
    client.close();
    expect(((await client.startBenchmark().catch((e: unknown) => e)) as Error).message).toBe("The FIFO client is closed");
    await server.close();
    expect(server.timestamps().uriByTs.map(([, u]) => u)).toEqual(["good", "bad", "c"]);
  });
});
