/**
 * Splits a byte stream into lines without holding the whole input: callgrind outputs reach hundreds
 * of megabytes.
 *
 * @module
 */

/**
 * Calls `onLine` for every line of `input` (without the `\n`), chunk by chunk.
 *
 * A callback rather than an async generator: one awaited promise per line costs more than the
 * parsing itself on large files.
 *
 * @example
 * ```ts
 * await forEachLine(createReadStream("1234.out"), (line) => parser.push(line));
 * ```
 */
export async function forEachLine(
  input: AsyncIterable<Uint8Array | string>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of input) {
    const text = rest + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    let nl = text.indexOf("\n", start);
    while (nl !== -1) {
      onLine(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) onLine(rest);
}
