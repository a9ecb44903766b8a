/**
 * The per-shell default mode of `pacer use` / `pacer show` (reference §1.6): one file per shell,
 * named by the pid of the process that ran `pacer use` (its parent: the shell), holding the mode
 * as a JSON string (a JSON array when several). A lookup walks up from this process to init and
 * takes the first file found. CodSpeed's own folder (`codspeed_use_mode`) is read too, so a
 * `codspeed use` in the same shell counts.
 *
 * @module
 */
import { readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { createLogger } from "../log/logger.ts";
import { pidExists } from "../system/pid-exists.ts";
import { ancestry } from "./process-tree.ts";
import { ensureSafeDir, readOwnFile, unsafeReason, writeOwnFile } from "./safe-dir.ts";

export const PACER_DIR = "pacer_use_mode";
export const CODSPEED_DIR = "codspeed_use_mode";

type Env = Record<string, string | undefined>;

/** `$XDG_RUNTIME_DIR`, else `$TMPDIR`, else /tmp (as CodSpeed's `std::env::temp_dir`). */
export function useModeBase(env: Env = process.env): string {
  return env.XDG_RUNTIME_DIR || env.TMPDIR || "/tmp";
}

export interface ShellMode {
  modes: string[];
  file: string;
  /** The pid the file is named after (the shell that ran `use`). */
  shellPid: number;
}

/** Stores `modes` for the shell `shellPid`; files of shells that have exited are removed. */
export function setShellMode(modes: string[], shellPid: number, env: Env = process.env): string {
  const dir = join(useModeBase(env), PACER_DIR);
  ensureSafeDir(dir);
  writeOwnFile(dir, String(shellPid), JSON.stringify(modes.length === 1 ? modes[0] : modes));
  for (const name of readdirSync(dir)) {
    // A pid is reused one day: a stale file would give a new shell someone else's old mode.
    if (/^\d+$/.test(name) && !pidExists(Number(name))) unlinkSync(join(dir, name));
  }
  return join(dir, String(shellPid));
}

function parseModes(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === "string" && v !== "") return [v];
    if (Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === "string")) return v as string[];
  } catch {
    // Not ours or truncated: ignored like a missing file.
  }
  return undefined;
}

/** The folders to look in, pacer's first; an unsafe one is skipped with a warning. */
function lookupDirs(env: Env): string[] {
  const out: string[] = [];
  for (const name of [PACER_DIR, CODSPEED_DIR]) {
    const dir = join(useModeBase(env), name);
    const { exists, reason } = unsafeReason(dir);
    if (!exists) continue;
    if (reason) createLogger().warn(`Ignoring the shell session modes in "${dir}": ${reason}`);
    else out.push(dir);
  }
  return out;
}

/** The mode set by `pacer use` (or `codspeed use`) for this process's shell, if any. */
export function shellMode(env: Env = process.env, pid = process.pid): ShellMode | undefined {
  const dirs = lookupDirs(env);
  if (dirs.length === 0) return undefined;
  for (const p of ancestry(pid)) {
    for (const dir of dirs) {
      const file = join(dir, String(p));
      const text = readOwnFile(file);
      const modes = text === undefined ? undefined : parseModes(text);
      if (modes) return { modes, file, shellPid: p };
    }
  }
  return undefined;
}
