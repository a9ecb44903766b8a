/** Polling helpers for tests that drive a real process from outside (a pid file, a database row). */
import { existsSync, readFileSync } from "node:fs";

/** Polls `fn` every 100 ms until it returns a value; throws naming `what` after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

/** The pid a benchmark wrote to `file` (`echo $$ > file`), once it is there in full. */
export function pidIn(file: string): number | undefined {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  return text.endsWith("\n") ? Number(text) : undefined;
}

/** SIGKILLs `pid` if it is still there (a benchmark that outlived its killed pacer). */
export function killIfAlive(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {}
}
