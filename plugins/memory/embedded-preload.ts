/**
 * The preload library, embedded in the executable by `bun build --compile` (the file loader turns
 * the import into a path that `Bun.file` can read, inside the executable or on disk). Imported
 * lazily: the library exists only after `build-preload.ts` ran.
 *
 * @module
 */
import soPath from "./build/libpacer-memtrack.so" with { type: "file" };

export default soPath;
