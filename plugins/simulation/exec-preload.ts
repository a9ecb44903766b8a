/**
 * The environment that loads the exec window library into a `pacer exec` target (and, through
 * valgrind's child tracing, into every program it starts).
 *
 * @module
 */
import { PacerError } from "../../src/index.ts";

/**
 * `env LD_PRELOAD=<so>[:<the user's LD_PRELOAD>]`, put in front of the valgrind command. The
 * processes between (setarch, the valgrind launcher) load the library natively, where it does
 * nothing.
 */
export function execPreloadPrefix(so: string, userPreload: string | undefined): string[] {
  // ld.so splits LD_PRELOAD on spaces and colons: such a path would silently load nothing (0 Ir).
  if (/[\s:]/.test(so)) {
    throw new PacerError("E_RUN", `Cannot preload the simulation exec window library from "${so}": the path contains a space or a colon`, {
      hint: "Set TMPDIR to a folder whose path has no spaces or colons",
    });
  }
  const rest = userPreload?.trim();
  return ["env", `LD_PRELOAD=${rest ? `${so}:${rest}` : so}`];
}
