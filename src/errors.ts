/**
 * The one error type pacer throws on purpose. The CLI entry (`src/cli.ts`) is the only place that
 * turns it into an exit code and prints its hint.
 *
 * @module
 */

/** Machine-readable error categories. */
export type ErrorCode =
  | "E_USAGE" // bad flags or arguments: exit 2
  | "E_CONFIG"
  | "E_PROBE"
  | "E_PLUGIN"
  | "E_PROTOCOL"
  | "E_RUN" // the benchmark or an instrument tool failed
  | "E_RESULTS" // no or malformed results
  | "E_UPLOAD"
  | "E_AUTH"
  | "E_IO"
  | "E_INTERRUPTED";

/**
 * An error with a code and an optional next step for the user.
 *
 * @example
 * ```ts
 * throw new PacerError("E_CONFIG", `Cannot read "pacer.yml": missing key "options"`, {
 *   hint: "Add an `options:` section or remove the file",
 * });
 * ```
 */
export class PacerError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  /** Exit code requested by the error, when it must differ from the code's default. */
  readonly exitCode?: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; cause?: unknown; exitCode?: number } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "PacerError";
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode;
  }
}

/** A hook of a plugin failed or hung; names the plugin and the hook. */
export class PluginError extends PacerError {
  readonly plugin: string;
  readonly hook: string;
  /** The code of the PacerError the plugin threw, if it threw one (e.g. `E_RUN`). */
  readonly pluginCode?: ErrorCode;

  constructor(
    plugin: string,
    hook: string,
    message: string,
    opts: { hint?: string; cause?: unknown; pluginCode?: ErrorCode } = {},
  ) {
    super("E_PLUGIN", `[plugin ${plugin}] ${hook}: ${message}`, opts);
    this.name = "PluginError";
    this.plugin = plugin;
    this.hook = hook;
    this.pluginCode = opts.pluginCode;
  }
}

/** Returns the message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
