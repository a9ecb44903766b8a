/**
 * The one line reader: splits a byte stream into lines without holding more than one chunk and
 * one partial line, so a callgrind output of hundreds of megabytes or a `perf script` text larger
 * than the JS string limit (~2 GiB) can be read.
 *
 * @module
 */

/**
 * Calls `onLine` for each line of `input` (without its `\n`; a last line without one included).
 * A callback rather than an async generator on the hot paths: one awaited promise per line costs
 * more than the parsing itself on large files.
 *
 * @example
 * ```ts
 * await forEachLine(createReadStream("1234.out"), (line) => parser.push(line));
 * ```
 */
export async function forEachLine(input: AsyncIterable<Uint8Array | string>, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of input) {
    const text = partial + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
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

/**
 * The lines of `input` as an async iterable, for callers that await between lines.
 *
 * @example
 * ```ts
 * for await (const line of lines(proc.stdout)) if (line.startsWith("error")) break;
 * ```
 */
export async function* lines(input: AsyncIterable<Uint8Array | string>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of input) {
    const parts = (partial + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }))).split("\n");
    partial = parts.pop()!;
    yield* parts;
  }
  partial += decoder.decode();
  if (partial !== "") yield partial;
}
