/**
 * Runs `perf script` on the recorded data and feeds its output to the parser line by line: a long
 * profile's text can exceed what one JS string holds, and only the folded stacks are kept anyway.
 *
 * @module
 */
import { PerfScriptParser, type Mmap, type ParseOptions, type Sample } from "./parse-perf-script.ts";
import { forEachLine } from "../../../src/toolkit/lines.ts";
import { spawn } from "../../../src/toolkit/spawn.ts";

/** `perf script` fields the parser reads; `--ns` keeps full timestamp precision. */
export function perfScriptArgv(perf: string, pipedata: string): string[] {
  // --no-inline: without libbfd perf resolves inlined frames by running addr2line per address
  // (110 s instead of 2 s for a 3-benchmark tinybench profile here).
  // `event`: with an event group every member samples, and only the leader's samples may count.
  return [perf, "script", "-i", pipedata, "--ns", "--no-inline", "--show-mmap-events", "--show-task-events", "-F", "comm,pid,tid,time,event,ip,sym,dso"];
}

/** The last `max` characters of a stream, for the error message. */
async function tail(stream: ReadableStream<Uint8Array>, max = 4096): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) text = (text + decoder.decode(chunk, { stream: true })).slice(-max);
  return text;
}

/**
 * Runs `argv` (a `perf script` command) and hands each sample to `onSample`; returns the mappings.
 * Throws when perf fails or runs longer than `timeoutMs`.
 */
export async function streamPerfScript(
  argv: string[],
  onSample: (s: Sample) => void,
  opts: ParseOptions & { timeoutMs?: number } = {},
): Promise<Mmap[]> {
  const proc = spawn(argv, { timeoutMs: opts.timeoutMs ?? 300_000 });
  let done = false;
  try {
    const parser = new PerfScriptParser(onSample, { event: opts.event });
    const [, err, { code, signal }] = await Promise.all([forEachLine(proc.stdout, (l) => parser.line(l)), tail(proc.stderr), proc.exited]);
    done = true;
    if (code !== 0) throw new Error(`perf script exited with ${signal ?? code}: ${err.trim().split("\n").slice(-3).join(" ")}`);
    return parser.end();
  } finally {
    // A parser error leaves perf writing into a pipe nobody reads.
    if (!done) proc.kill("SIGKILL");
  }
}
