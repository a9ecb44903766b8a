/**
 * The rusage helper, embedded in the executable by `bun build --compile` (the file loader turns the
 * import into a path `Bun.file` can read, inside the executable or on disk). Imported lazily: the
 * helper exists only after `build-helper.ts` ran.
 *
 * @module
 */
import helperPath from "./build/pacer-rusage-exec.bin" with { type: "file" };

export default helperPath;
