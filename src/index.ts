/**
 * The plugin-author API of pacer: re-exports only. A user plugin loaded by the compiled binary may
 * only use `import type` from here; values arrive through the context.
 *
 * @module
 */
export { definePlugin } from "./plugin/define.ts";
export { PacerError, PluginError } from "./errors.ts";
export type { ErrorCode } from "./errors.ts";
export type * from "./plugin/types.ts";
export type { SystemInfo } from "./system/info.ts";
