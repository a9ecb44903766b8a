/**
 * A reader that goes away (`pacer runs --json | head -1`) is not an error: the rest of the output is
 * dropped without a word and the command ends with its own exit code, so a run is still recorded and
 * `compare --check | head` still fails on a regression. Without a handler Bun prints the EPIPE error
 * and exits 1.
 *
 * @module
 */

export function quietOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") return;
      throw err;
    });
  }
}
