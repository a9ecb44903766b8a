/**
 * Copies one output stream of the benchmark to the console as it arrives and to runner.log line by
 * line, with registered secrets masked in both, in time linear in the output.
 *
 * @module
 */
import type { ConsoleOut } from "../log/console-out.ts";
import { logToFile } from "../log/logger.ts";
import { createStreamMasker } from "../log/stream-masker.ts";
import { createLogLines } from "./log-lines.ts";

export interface Tee {
  /** Settles when the stream ends (every writer closed it) or {@link Tee.stop} is called. */
  done: Promise<void>;
  /** Stops reading (a process outside pacer's reach keeps the pipe open); flushes what was held. */
  stop(): void;
}

export function tee(stream: ReadableStream<Uint8Array>, out: ConsoleOut, prefix: string): Tee {
  const decoder = new TextDecoder();
  const masker = createStreamMasker();
  const lines = createLogLines(prefix);
  // A closed console (`pacer … | head -1`) must not kill the run: runner.log still gets everything.
  let consoleOpen = true;
  const write = (bytes: Uint8Array) => {
    if (!bytes.length) return;
    if (consoleOpen) {
      try {
        consoleOpen = out.write(bytes);
      } catch {
        consoleOpen = false;
      }
    }
    const ready = lines.push(decoder.decode(bytes, { stream: true }));
    if (ready) logToFile(ready);
  };
  const reader = stream.getReader();
  let stopped = false;
  const finish = () => {
    write(masker.end());
    const rest = lines.push(decoder.decode()) + lines.end();
    if (rest) logToFile(rest);
  };
  const done = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || stopped) break;
        write(masker.push(value));
      }
    } finally {
      finish();
    }
  })();
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      reader.cancel().catch(() => {});
    },
  };
}
