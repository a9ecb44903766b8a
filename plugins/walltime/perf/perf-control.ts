/**
 * The runner side of perf's `--control=fifo:<ctl>,<ack>` channel: writes `enable`/`disable`/`ping`
 * and waits for perf's `ack`. Each command has a deadline well under the 1 s the integration waits
 * for pacer's own reply, so a stuck perf turns into an `Err` instead of an off-by-one client.
 *
 * @module
 */
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";

export type PerfCommand = "enable" | "disable" | "ping";

/** Bytes perf writes after each command it has carried out. */
const ACK = "ack\n\0";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A perf control channel over two FIFOs opened read-write and non-blocking (so opening never waits
 * for perf, and reads poll instead of blocking the event loop).
 *
 * @example
 * ```ts
 * const pc = PerfControl.open(`${dir}/ctl.fifo`, `${dir}/ack.fifo`);
 * await pc.send("enable"); // resolves once perf acked, rejects after 400 ms
 * pc.close();
 * ```
 */
export class PerfControl {
  private constructor(
    private readonly ctl: number,
    private readonly ack: number,
    readonly timeoutMs: number,
  ) {}

  /** Opens an existing FIFO pair (created with `mkfifo`). */
  static open(ctlPath: string, ackPath: string, timeoutMs = 400): PerfControl {
    const flags = constants.O_RDWR | constants.O_NONBLOCK;
    const ctl = openSync(ctlPath, flags);
    try {
      return new PerfControl(ctl, openSync(ackPath, flags), timeoutMs);
    } catch (err) {
      closeSync(ctl);
      throw err;
    }
  }

  /** Reads whatever is in the ack FIFO now; `""` when empty. */
  private readAvailable(): string {
    const buf = Buffer.alloc(256);
    let out = "";
    for (;;) {
      let n: number;
      try {
        n = readSync(this.ack, buf, 0, buf.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") return out;
        throw err;
      }
      if (n <= 0) return out;
      out += buf.toString("latin1", 0, n);
    }
  }

  /**
   * Sends one command and waits for its ack; throws with perf's state after the deadline.
   * `timeoutMs` shortens the wait for a perf already known to miss deadlines, unless a late ack
   * shows it is only slow: then the full deadline applies again.
   */
  async send(cmd: PerfCommand, timeoutMs = this.timeoutMs): Promise<void> {
    // A late ack of a previous, timed-out command would otherwise answer this one.
    const late = this.readAvailable().includes(ACK);
    writeSync(this.ctl, `${cmd}\n\0`);
    const wait = late ? this.timeoutMs : timeoutMs;
    const deadline = performance.now() + wait;
    let got = "";
    for (;;) {
      got += this.readAvailable();
      if (got.includes(ACK)) return;
      if (performance.now() >= deadline) {
        throw new Error(`perf did not acknowledge "${cmd}" within ${wait} ms${got ? ` (got ${JSON.stringify(got)})` : ""}`);
      }
      await sleep(1);
    }
  }

  close(): void {
    for (const fd of [this.ctl, this.ack]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}
