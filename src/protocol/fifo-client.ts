/**
 * Client side of the runner FIFO protocol, as the CodSpeed instrument-hooks speak it: pacer's own
 * exec harness uses it, and so do the server tests.
 *
 * @module
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync, writeSync } from "node:fs";
import { PacerError } from "../errors.ts";
import type { MarkerType } from "../plugin/types.ts";
import { decodePayload, encodeFrame } from "./bincode.ts";
import { CURRENT_PROTOCOL_VERSION, describeCommand, type FifoCommand, type WireIntegrationMode } from "./commands.ts";
import { DEFAULT_ACK_PATH, DEFAULT_CTL_PATH } from "./fifo-paths.ts";

export interface FifoClientOptions {
  ctlPath?: string;
  ackPath?: string;
  /** How long to wait for each reply, in milliseconds (default 1000, like the CodSpeed client). */
  timeoutMs?: number;
}

/** A connected client; every method but {@link FifoClient.close} waits for the runner's `Ack`. */
export interface FifoClient {
  /** The runner's answer to `GetIntegrationMode` during the handshake. */
  integrationMode(): WireIntegrationMode;
  setIntegration(name: string, version: string): Promise<void>;
  startBenchmark(): Promise<void>;
  stopBenchmark(): Promise<void>;
  /** `CurrentBenchmark{pid, uri}`: the benchmark that just ran. */
  executed(pid: number, uri: string): Promise<void>;
  /** `ts` is `CLOCK_MONOTONIC` ns: use `monotonicNs()` from `./monotonic-clock.ts`, not `process.hrtime`. */
  addMarker(pid: number, type: MarkerType, ts: bigint): Promise<void>;
  /** Sends any command and returns the reply (for tests and for `PingPerf`). */
  request(cmd: FifoCommand): Promise<FifoCommand>;
  close(): void;
}

/**
 * Opens the FIFOs and does the handshake (`SetVersion(2)` → `Ack`, `GetIntegrationMode` → mode).
 * Returns `null` when the FIFOs are absent, when nobody answers within the timeout (a FIFO left over
 * by a dead runner), or when the runner does not answer `GetIntegrationMode` with a mode (an old
 * runner): the benchmark then runs without instrumentation, as with the CodSpeed client.
 *
 * @throws {PacerError} `E_PROTOCOL` when the runner rejects protocol version 2 with `Err`.
 * @example
 * ```ts
 * const client = await connectFifoClient();
 * if (client?.integrationMode() === "perf") {
 *   await client.startBenchmark();
 *   run();
 *   await client.stopBenchmark();
 *   await client.executed(process.pid, "exec_harness::sleep");
 *   client.close();
 * }
 * ```
 */
export async function connectFifoClient(opts: FifoClientOptions = {}): Promise<FifoClient | null> {
  const ctlPath = opts.ctlPath ?? DEFAULT_CTL_PATH;
  const ackPath = opts.ackPath ?? DEFAULT_ACK_PATH;
  if (!isFifo(ctlPath) || !isFifo(ackPath)) return null;
  // O_RDWR: opening a FIFO never blocks then, even if the runner has not opened its end yet.
  const ctl = openSync(ctlPath, constants.O_RDWR | constants.O_NONBLOCK);
  const ack = openSync(ackPath, constants.O_RDWR | constants.O_NONBLOCK);
  const channel = new Channel(ctl, ack, opts.timeoutMs ?? 1000);
  try {
    const version = await channel.exchange({ kind: "SetVersion", version: CURRENT_PROTOCOL_VERSION });
    if (version?.kind === "Err") {
      throw new PacerError("E_PROTOCOL", `The runner at "${ctlPath}" rejected protocol version ${CURRENT_PROTOCOL_VERSION}`, {
        hint: "Use the same pacer version for the runner and the harness",
      });
    }
    if (version?.kind !== "Ack") return close(channel);
    const mode = await channel.exchange({ kind: "GetIntegrationMode" });
    if (mode?.kind !== "IntegrationModeResponse") return close(channel);
    return clientOf(channel, mode.mode);
  } catch (err) {
    channel.close();
    throw err;
  }
}

function close(channel: Channel): null {
  channel.close();
  return null;
}

/** Like the CodSpeed client's `faccessat(R_OK|W_OK)` probe: a FIFO we cannot use means "no runner". */
function isFifo(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

function clientOf(channel: Channel, mode: WireIntegrationMode): FifoClient {
  const expectAck = async (cmd: FifoCommand): Promise<void> => {
    const reply = await channel.request(cmd);
    if (reply.kind !== "Ack") {
      throw new PacerError("E_PROTOCOL", `The runner answered ${describeCommand(cmd)} with ${describeCommand(reply)}`);
    }
  };
  return {
    integrationMode: () => mode,
    setIntegration: (name, version) => expectAck({ kind: "SetIntegration", name, version }),
    startBenchmark: () => expectAck({ kind: "StartBenchmark" }),
    stopBenchmark: () => expectAck({ kind: "StopBenchmark" }),
    executed: (pid, uri) => expectAck({ kind: "CurrentBenchmark", pid, uri }),
    addMarker: (pid, marker, timestampNs) => expectAck({ kind: "AddMarker", pid, marker, timestampNs }),
    request: (cmd) => channel.request(cmd),
    close: () => channel.close(),
  };
}

/** One request at a time: a reply is matched to a request only by order. */
class Channel {
  private closed = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctl: number,
    private readonly ack: number,
    private readonly timeoutMs: number,
  ) {}

  /** Sends `cmd` and waits for one reply; `undefined` on timeout. */
  exchange(cmd: FifoCommand): Promise<FifoCommand | undefined> {
    const run = this.chain.then(async () => {
      if (this.closed) throw new PacerError("E_PROTOCOL", "The FIFO client is closed");
      // One write per frame: atomic below PIPE_BUF, so concurrent clients cannot interleave.
      writeSync(this.ctl, encodeFrame(cmd));
      const deadline = performance.now() + this.timeoutMs;
      const head = await this.readExact(4, deadline);
      if (!head) return undefined;
      const len = new DataView(head.buffer).getUint32(0, true);
      const payload = await this.readExact(len, deadline);
      return payload ? decodePayload(payload) : undefined;
    });
    this.chain = run.catch(() => {});
    return run;
  }

  async request(cmd: FifoCommand): Promise<FifoCommand> {
    const reply = await this.exchange(cmd);
    if (!reply) {
      throw new PacerError("E_PROTOCOL", `The runner did not answer ${describeCommand(cmd)} within ${this.timeoutMs} ms`, {
        hint: "The runner may have exited; run the benchmark through `pacer run`",
      });
    }
    return reply;
  }

  // Polls a non-blocking fd instead of streaming it: a stream would read ahead and could take
  // replies meant for another process sharing the ack FIFO. Exact-size reads, like the C client.
  private async readExact(n: number, deadline: number): Promise<Uint8Array | undefined> {
    const out = new Uint8Array(n);
    let got = 0;
    let spins = 0;
    while (got < n) {
      try {
        got += readSync(this.ack, out, got, n - got, null);
        continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      }
      if (performance.now() > deadline) return undefined;
      // The runner answers in well under a millisecond: yield briefly first, then back off.
      await new Promise((r) => (spins++ < 200 ? setImmediate(r) : setTimeout(r, 1)));
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.ctl);
    closeSync(this.ack);
  }
}
