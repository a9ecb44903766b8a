/**
 * The exec window library, embedded in the executable by `bun build --compile` (the file loader
 * turns the import into a path `Bun.file` can read, inside the executable or on disk). Imported
 * lazily: the library exists only after `build-window.ts` ran.
 *
 * @module
 */
import soPath from "./build/libpacer-exec-window.so" with { type: "file" };

export default soPath;
