/**
 * The `benchmarks:` of a config as the exec targets `pacer run` measures when given no command.
 *
 * @module
 */
import type { ExecTarget } from "../plugin/types.ts";
import type { PacerConfig } from "./types.ts";

/**
 * One {@link ExecTarget} per `benchmarks:` entry: each target's options override the root options
 * field by field (CodSpeed's merge rule), the name defaults to the command's words joined by spaces
 * and the URI is `exec_harness::<name>`, as CodSpeed names them.
 *
 * @example
 * ```ts
 * configTargets(config);
 * // [{ name: "sleep 0.01", uri: "exec_harness::sleep 0.01", argv: ["sleep", "0.01"], walltime: { maxRounds: 20 } }]
 * ```
 */
export function configTargets(config: PacerConfig): ExecTarget[] {
  const { workingDirectory: _cwd, ...root } = config.options;
  return config.benchmarks.map((t) => {
    const name = t.name ?? t.argv.join(" ");
    return { name, uri: `exec_harness::${name}`, argv: [...t.argv], walltime: { ...root, ...t.options } };
  });
}
