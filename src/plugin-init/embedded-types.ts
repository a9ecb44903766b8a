/**
 * `pacer-plugin.d.ts`, embedded in the executable by `bun build --compile` (build.ts writes it to
 * `build/` first; the file loader turns the import into a path `Bun.file` can read, inside the
 * executable or on disk). Imported lazily: the file exists only after a build.
 *
 * @module
 */
import typesPath from "./build/pacer-plugin.d.ts.bin" with { type: "file" };

export default typesPath;
