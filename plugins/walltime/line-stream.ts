/**
 * Splits a byte stream into lines without ever holding more than one chunk and one partial line,
 * so an output larger than the JS string limit (~2 GiB) can still be read.
 *
 * @module
 */

/**
 * Calls `onLine` for each line of `stream` (without its `\n`; a last line without one included).
 *
 * @example
 * ```ts
 * const proc = Bun.spawn(["perf", "script"], { stdout: "pipe" });
 * await forEachLine(proc.stdout, (l) => parser.line(l));
 * ```
 */
export async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of stream) {
    const text = partial + decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
      onLine(text.slice(from, nl));
      from = nl + 1;
    }
    partial = text.slice(from);
  }
  partial += decoder.decode();
  if (partial !== "") onLine(partial);
}
