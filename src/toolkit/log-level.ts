/**
 * The console log level as a plugin sees it: whether to do the extra work a debug line needs.
 *
 * @module
 */
import { currentLevel } from "../log/logger.ts";

export type PluginLogLevel = "debug" | "info" | "warn" | "error";

/** `trace` reads as `debug`, `off` as `error` (a plugin has no reason to tell them apart). */
export function logLevel(): PluginLogLevel {
  const level = currentLevel();
  return level === "trace" ? "debug" : level === "off" ? "error" : level;
}
