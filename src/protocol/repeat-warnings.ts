/**
 * Warnings a flooding client could repeat thousands of times: the first of each kind is logged, the
 * repeats are counted and summed up once at the end.
 *
 * @module
 */
import type { Logger } from "../plugin/types.ts";

export interface RepeatWarnings {
  warn(key: string, message: string): void;
  /** Logs "… (repeated N more times)" for each kind seen more than once, then forgets them. */
  summarize(): void;
}

export function createRepeatWarnings(log: Logger): RepeatWarnings {
  const seen = new Map<string, { message: string; repeats: number }>();
  return {
    warn(key, message) {
      const s = seen.get(key);
      if (s) s.repeats++;
      else {
        seen.set(key, { message, repeats: 0 });
        log.warn(message);
      }
    },
    summarize() {
      for (const { message, repeats } of seen.values()) {
        if (repeats) log.warn(`${message} (repeated ${repeats} more times)`);
      }
      seen.clear();
    },
  };
}
