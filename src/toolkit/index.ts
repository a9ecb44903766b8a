/**
 * The toolkit every plugin gets as `ctx.toolkit`. A stub made of today's helpers until the toolkit's
 * own implementations (one ELF reader, one line reader) land; `readElf` answers undefined for now.
 *
 * @module
 */
import { quote, split } from "shlex";
import { PacerError } from "../errors.ts";
import { currentLevel } from "../log/logger.ts";
import type { Spawned, Toolkit } from "../plugin/types.ts";

async function* lines(stream: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of stream) {
    const parts = (partial + decoder.decode(chunk, { stream: true })).split("\n");
    partial = parts.pop()!;
    yield* parts;
  }
  partial += decoder.decode();
  if (partial !== "") yield partial;
}

export const toolkit: Toolkit = {
  shellQuote: (argv) => argv.map(quote).join(" "),
  shellSplit: split,
  lines,
  readElf: () => undefined,
  spawn(argv, opts = {}): Spawned {
    const proc = Bun.spawn(argv, { cwd: opts.cwd, env: opts.env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    return {
      pid: proc.pid,
      stdout: proc.stdout,
      stderr: proc.stderr,
      exited: proc.exited.then((code) => ({ code: proc.signalCode ? null : code, signal: proc.signalCode ? String(proc.signalCode) : null })),
      kill: (signal) => proc.kill(signal),
    };
  },
  logLevel() {
    const level = currentLevel();
    return level === "trace" ? "debug" : level === "off" ? "error" : level;
  },
  error: (code, message, hint) => new PacerError(code, message, { hint }),
};
