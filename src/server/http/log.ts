/**
 * The server's log: one line per event on stderr, `<time> <level> <message>`. Messages name runs,
 * projects and reasons; never a token, a URL secret or a database password (callers pass
 * `redactUrl` output, never headers).
 *
 * @module
 */
import { stderr } from "../../log/console-out.ts";

export interface ServerLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function serverLog(write: (line: string) => void = (l) => stderr.write(l), quiet = false): ServerLog {
  const line = (level: string) => (msg: string) => {
    if (quiet && level === "info") return;
    write(`${new Date().toISOString()} ${level} ${msg.replace(/[\r\n]+/g, " ")}\n`);
  };
  return { info: line("info"), warn: line("warn"), error: line("error") };
}
