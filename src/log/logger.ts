/**
 * Console + `runner.log` logging. Console output depends on the CI provider (GitHub/GitLab/Buildkite
 * groups, plain lines in other CI, a spinner on a TTY); `runner.log` always gets every line, untagged
 * by level filters, with secrets masked.
 *
 * @module
 */
import { closeSync, constants, openSync, writeSync } from "node:fs";
import { PacerError } from "../errors.ts";
import type { Logger } from "../plugin/types.ts";
import { useColor } from "./color.ts";
import { maskSecrets } from "./mask.ts";
import { isTerminal, stderr } from "./console-out.ts";

export type Level = "trace" | "debug" | "info" | "warn" | "error" | "off";
const ORDER: Record<Level, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

/** Where the console output goes: detected from the environment. */
export type LogStyle = "github" | "gitlab" | "buildkite" | "ci" | "tty" | "plain";

export function detectLogStyle(env: NodeJS.ProcessEnv = process.env, isTty = isTerminal(2)): LogStyle {
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  if (env.BUILDKITE === "true") return "buildkite";
  if (env.CI) return "ci";
  return isTty ? "tty" : "plain";
}

/** The level from `CODSPEED_LOG` (`RUNNER_DEBUG=1` on GitHub means debug), default `info`. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): Level {
  if (env.RUNNER_DEBUG === "1") return "debug";
  const v = (env.PACER_LOG ?? env.CODSPEED_LOG ?? "info").toLowerCase();
  return v in ORDER ? (v as Level) : "info";
}

interface Sink {
  level: Level;
  style: LogStyle;
  file?: { path: string; fd: number };
  /** Lines logged before the profile folder (and so runner.log) existed. */
  pending: string[];
}

const sink: Sink = { level: levelFromEnv(), style: detectLogStyle(), pending: [] };

/**
 * Sends every later line (and the ones logged so far) to `path` as well. The file stays open: the
 * benchmark's output and a FIFO flood can make one write per line.
 *
 * @throws {PacerError} `E_IO` when `path` cannot be opened (a symlink is refused, not followed).
 */
export function attachLogFile(path: string): void {
  detachLogFile();
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW, 0o644);
  } catch (err) {
    throw new PacerError("E_IO", `Cannot open the log file "${path}": ${(err as Error).message}`, {
      cause: err,
      hint: "Remove it if it is a link, or give another --profile-folder",
    });
  }
  sink.file = { path, fd };
  const earlier = sink.pending.join("");
  sink.pending = [];
  if (earlier) writeToFile(earlier);
}

export function detachLogFile(): void {
  if (!sink.file) return;
  try {
    closeSync(sink.file.fd);
  } catch {
    // Closing is best effort: the lines were written already.
  }
  sink.file = undefined;
}

/** A failed write (full disk, read-only remount) stops runner.log, says so once, and the run goes on. */
function writeToFile(text: string): void {
  const file = sink.file!;
  try {
    writeSync(file.fd, text);
  } catch (err) {
    detachLogFile();
    const msg = `Cannot write "${file.path}": ${(err as Error).message}: the log ends here, the console has the rest`;
    stderr.write(consoleLine("warn", msg) + "\n");
  }
}

export function setLevel(level: Level): void {
  sink.level = level;
}

export function currentLevel(): Level {
  return sink.level;
}

export function logStyle(): LogStyle {
  return sink.style;
}

/** Appends raw text (e.g. the benchmark's output) to runner.log only. */
export function logToFile(text: string): void {
  const masked = maskSecrets(text);
  if (sink.file) writeToFile(masked);
  else sink.pending.push(masked);
}

const COLORS: Partial<Record<Level, string>> = { error: "\x1b[31m", warn: "\x1b[33m", debug: "\x1b[2m" };

/** The level's colour, when src/log/color.ts says stderr is coloured. */
function colored(level: Level, text: string): string {
  const c = COLORS[level];
  return c && useColor(2) ? `${c}${text}\x1b[0m` : text;
}

function consoleLine(level: Level, msg: string): string {
  switch (sink.style) {
    case "github":
      if (level === "error") return `::error::${msg.replace(/\n(?=.)/g, "%0A")}`;
      if (level === "warn") return `::warning::${msg.replace(/\n(?=.)/g, "%0A")}`;
      if (level === "debug" || level === "trace") return `::debug::${msg}`;
      return msg;
    case "buildkite":
    case "ci":
    case "plain":
      return colored(level, level === "info" ? msg : `[${level.toUpperCase()}] ${msg}`);
    default:
      return colored(level, level === "debug" || level === "info" ? msg : `${level}: ${msg}`);
  }
}

function emit(level: Level, tag: string | undefined, msg: string): void {
  const text = maskSecrets(tag ? `[${tag}] ${msg}` : msg);
  logToFile(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${text}\n`);
  if (ORDER[level] < ORDER[sink.level]) return;
  spinnerPause();
  stderr.write(consoleLine(level, text) + "\n");
  spinnerResume();
}

/** A logger whose lines are tagged `[tag]` (plugins get `plugin <name>`). */
export function createLogger(tag?: string): Logger & { trace(msg: string): void } {
  return {
    trace: (m) => emit("trace", tag, m),
    debug: (m) => emit("debug", tag, m),
    info: (m) => emit("info", tag, m),
    warn: (m) => emit("warn", tag, m),
    error: (m) => emit("error", tag, m),
  };
}

// --- groups and spinner -------------------------------------------------------------------------

let spinner: { timer: ReturnType<typeof setInterval>; text: string; frame: number } | undefined;
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function spinnerPause(): void {
  if (spinner) stderr.write("\r\x1b[2K");
}
function spinnerResume(): void {
  if (spinner) stderr.write(`${FRAMES[spinner.frame % FRAMES.length]} ${spinner.text}...`);
}

/** Opens a named group: a log group in CI providers, a heading (and spinner) locally. */
export function startGroup(name: string, opts: { spinner?: boolean } = {}): void {
  logToFile(`${new Date().toISOString()} GROUP ${name}\n`);
  // A heading is info: --quiet (level error) shows none.
  if (ORDER[sink.level] > ORDER.info) return;
  const id = name.toLowerCase().replace(/[^\w-]/g, "_");
  switch (sink.style) {
    case "github":
      stderr.write(`::group::${name}\n`);
      return;
    case "gitlab":
      stderr.write(`\x1b[0Ksection_start:${Math.floor(Date.now() / 1000)}:${id}\r\x1b[0K\x1b[36;1m${name}\x1b[0m\n`);
      return;
    case "buildkite":
      stderr.write(`--- ${name}\n`);
      return;
    case "tty":
      stderr.write(useColor(2) ? `\n\x1b[1;38;5;208m►►► ${name}\x1b[0m\n` : `\n►►► ${name}\n`);
      if (opts.spinner) {
        spinner = { text: name, frame: 0, timer: setInterval(() => {
          spinnerPause();
          spinner!.frame++;
          spinnerResume();
        }, 100) };
        spinner.timer.unref?.();
        spinnerResume();
      }
      return;
    default:
      stderr.write(`${name}...\n`);
  }
}

export function endGroup(name: string): void {
  if (spinner) {
    clearInterval(spinner.timer);
    spinnerPause();
    spinner = undefined;
  }
  if (ORDER[sink.level] > ORDER.info) return;
  const id = name.toLowerCase().replace(/[^\w-]/g, "_");
  if (sink.style === "github") stderr.write("::endgroup::\n");
  else if (sink.style === "gitlab") stderr.write(`\x1b[0Ksection_end:${Math.floor(Date.now() / 1000)}:${id}\r\x1b[0K\n`);
}

/** Runs `body` inside the group `name`: the group closes however `body` ends, so an error lands after it. */
export async function inGroup<T>(name: string, opts: { spinner?: boolean }, body: () => Promise<T>): Promise<T> {
  startGroup(name, opts);
  try {
    return await body();
  } finally {
    endGroup(name);
  }
}

/** Stops the spinner before the benchmark writes to the terminal. */
export function stopSpinner(): void {
  if (!spinner) return;
  clearInterval(spinner.timer);
  spinnerPause();
  spinner = undefined;
}
