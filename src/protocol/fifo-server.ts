/**
 * The runner end of the CodSpeed FIFO protocol: owns `/tmp/runner.{ctl,ack}.fifo` for one run,
 * answers every command of every benchmark process, and records what they reported.
 *
 * @module
 */
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";
import { PacerError, errorMessage } from "../errors.ts";
import type { ExecutionTimestamps, Logger } from "../plugin/types.ts";
import { decodePayload, encodeFrame } from "./bincode.ts";
import { createCommandHandler, type EventHook } from "./command-handler.ts";
import { describeCommand, type FifoCommand } from "./commands.ts";
import { createFifo, removeFifo } from "./fifo-files.ts";
import { acquireFifoLock } from "./fifo-lock.ts";
import { DEFAULT_ACK_PATH, DEFAULT_CTL_PATH } from "./fifo-paths.ts";
import { FrameDecoder } from "./frame-decoder.ts";
import { monotonicNs } from "./monotonic-clock.ts";
import { createRepeatWarnings } from "./repeat-warnings.ts";

const SLOW_REPLY_MS = 500;
/**
 * Frames read but not answered yet, past which reading pauses: a client writing without waiting for
 * replies then blocks on the full pipe instead of growing pacer's queue without bound.
 */
const MAX_QUEUED_FRAMES = 1024;
/** After the benchmark exited, its unread commands get this long with the plugins, then state only. */
const CLOSE_HOOKS_BUDGET_MS = 1000;

export interface FifoServerOptions {
  /** Default `/tmp/runner.ctl.fifo`: the path the CodSpeed clients have hard-coded. */
  ctlPath?: string;
  /** Default `/tmp/runner.ack.fifo`. */
  ackPath?: string;
  /** Answer to `GetIntegrationMode`. */
  mode: "perf" | "analysis";
  /** Called before the reply is sent; `"err"` (or a throw) answers `Err`. Keep it well under 1 s. */
  onEvent?: EventHook;
  /** A condition the run cannot go on with (unsupported protocol version, desynchronised stream). */
  onFatal?: (err: PacerError) => void;
  log: Logger;
  /** How long to wait for another pacer holding the FIFO paths (default 30 000 ms). */
  lockTimeoutMs?: number;
}

export interface FifoServer {
  readonly ctlPath: string;
  readonly ackPath: string;
  timestamps(): ExecutionTimestamps;
  integration(): { name: string; version: string } | undefined;
  benchmarkPids(): number[];
  /** Frames answered, and the slowest answer (receipt → reply written) in milliseconds. */
  stats(): { frames: number; maxReplyMs: number };
  /** Answers what is still in the pipe, then closes the fds, unlinks both FIFOs and releases the lock. */
  close(): Promise<void>;
  /** Later commands are answered from the recorded state alone (on Ctrl-C: nothing waits for perf). */
  detachHooks(): void;
  /** Unlinks the FIFOs and the lock at once; idempotent, for signal and exit paths. */
  removeSync(): void;
}

/**
 * Takes the lock `<ctlPath>.lock`, (re)creates both FIFOs (mode 0700) and starts answering.
 *
 * @throws {PacerError} `E_IO` when another pacer keeps the lock past `lockTimeoutMs`, or a FIFO path
 * is taken by something that is not our FIFO.
 * @example
 * ```ts
 * const fifo = await startFifoServer({ mode: "perf", log, onEvent: (e) => log.debug(e.type) });
 * try { await runBenchmark(); } finally { await fifo.close(); }
 * const { uriByTs, markers } = fifo.timestamps();
 * ```
 */
export async function startFifoServer(opts: FifoServerOptions): Promise<FifoServer> {
  const ctlPath = opts.ctlPath ?? DEFAULT_CTL_PATH;
  const ackPath = opts.ackPath ?? DEFAULT_ACK_PATH;
  const { log } = opts;
  const lock = await acquireFifoLock(`${ctlPath}.lock`, { log, timeoutMs: opts.lockTimeoutMs });
  let ctl: number;
  let ack: number;
  const created: string[] = [];
  try {
    for (const p of [ctlPath, ackPath]) {
      createFifo(p);
      created.push(p);
    }
    // O_RDWR: open never blocks and reads never see EOF when a client closes its end.
    ctl = openSync(ctlPath, constants.O_RDWR | constants.O_NONBLOCK);
    ack = openSync(ackPath, constants.O_RDWR | constants.O_NONBLOCK);
  } catch (err) {
    created.forEach(removeFifo); // only ours: a refused path is left as it was
    lock.release();
    throw err;
  }

  let broken = false;
  const fatal = (err: PacerError) => {
    log.error(err.message);
    opts.onFatal?.(err);
  };
  const handler = createCommandHandler({ mode: opts.mode, onEvent: opts.onEvent, onFatal: fatal, log, now: monotonicNs });
  const repeats = createRepeatWarnings(log);
  const decoder = new FrameDecoder();
  let frames = 0;
  let maxReplyMs = 0;
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;

  const answer = async (payload: Uint8Array, receivedAt: number): Promise<void> => {
    let reply: FifoCommand = { kind: "Err" };
    let cmd: FifoCommand | undefined;
    try {
      cmd = decodePayload(payload);
    } catch (err) {
      log.warn(`Failed to parse FIFO command: ${errorMessage(err)}`);
    }
    if (cmd) {
      log.debug(`FIFO <- ${describeCommand(cmd)}`);
      try {
        reply = await handler.handle(cmd);
      } catch (err) {
        log.error(`Handling ${describeCommand(cmd)} failed: ${errorMessage(err)}`);
      }
    }
    try {
      writeSync(ack, encodeFrame(reply));
    } catch (err) {
      // EAGAIN: 64 KiB of replies nobody reads; the clients are gone or stuck.
      repeats.warn("answer", `Cannot answer on "${ackPath}": ${errorMessage(err)}`);
    }
    frames++;
    const tookMs = performance.now() - receivedAt;
    maxReplyMs = Math.max(maxReplyMs, tookMs);
    // Past 1 s the client has given up and will take this reply as the answer to its next request.
    if (tookMs > SLOW_REPLY_MS) repeats.warn("slow", `Answering a FIFO command took ${tookMs.toFixed(0)} ms; integrations wait at most 1000 ms`);
  };

  const feed = (chunk: Uint8Array): void => {
    if (broken) return;
    const receivedAt = performance.now();
    let payloads: Uint8Array[];
    try {
      payloads = decoder.push(chunk);
    } catch (err) {
      broken = true;
      fatal(err as PacerError);
      return;
    }
    queued += payloads.length;
    for (const p of payloads) {
      queue = queue.then(() => answer(p, receivedAt)).finally(() => {
        queued--;
      });
    }
  };

  // Bun.file(fd).stream() polls the non-blocking fd in the event loop (checked with Bun 1.4.5).
  const reader = Bun.file(ctl).stream().getReader();
  let closing = false;
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      feed(value);
      if (queued > MAX_QUEUED_FRAMES) await queue;
    }
  })().catch((err) => {
    if (!closing) fatal(new PacerError("E_IO", `Cannot read "${ctlPath}": ${errorMessage(err)}`, { cause: err }));
  });

  let removed = false;
  const removeSync = (): void => {
    if (removed) return;
    removed = true;
    removeFifo(ctlPath);
    removeFifo(ackPath);
    lock.release();
  };

  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    // Let the stream hand over what it already read, then take the rest straight from the pipe:
    // the child has exited, but its last commands may still be unread.
    await new Promise((r) => setTimeout(r, 0));
    const hooksUntil = setTimeout(() => handler.detachHooks(), CLOSE_HOOKS_BUDGET_MS);
    const buf = new Uint8Array(64 * 1024);
    // A writer outside the benchmark's process group could keep the pipe full forever.
    const readUntil = performance.now() + CLOSE_HOOKS_BUDGET_MS;
    while (performance.now() < readUntil) {
      let n: number;
      try {
        n = readSync(ctl, buf, 0, buf.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") break;
        throw err;
      }
      if (n === 0) break;
      feed(buf.slice(0, n));
    }
    await queue;
    closing = true;
    await reader.cancel().catch(() => {});
    await reading;
    await queue; // a chunk the stream delivered while cancelling
    clearTimeout(hooksUntil);
    handler.summarizeWarnings();
    repeats.summarize();
    closeSync(ctl);
    closeSync(ack);
    removeSync();
  };

  return {
    ctlPath,
    ackPath,
    timestamps: () => handler.timestamps(),
    integration: () => handler.integration(),
    benchmarkPids: () => handler.benchmarkPids(),
    stats: () => ({ frames, maxReplyMs }),
    close: () => (closed ??= close()),
    detachHooks: () => handler.detachHooks(),
    removeSync,
  };
}
