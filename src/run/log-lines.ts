/**
 * Cuts the benchmark's output into prefixed lines for runner.log in linear time: only the new chunk
 * is searched for a line end, and a line that never ends (a progress bar, binary output) is written
 * in pieces of about {@link MAX_PENDING} characters instead of growing one string forever.
 *
 * @module
 */
export const MAX_PENDING = 64 * 1024;

export interface LogLines {
  /** Takes decoded text; returns what is ready for runner.log (`""` when nothing is). */
  push(text: string): string;
  /** The unfinished last line, if any, ended with a newline. */
  end(): string;
}

function lastLineEnd(text: string): number {
  return Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
}

export function createLogLines(prefix: string, maxPending = MAX_PENDING): LogLines {
  const prefixed = (text: string) => text.replace(/^(?=.)/gm, prefix);
  let pending = "";
  return {
    push(text) {
      const cut = lastLineEnd(text);
      if (cut >= 0) {
        const ready = prefixed(pending + text.slice(0, cut + 1));
        pending = text.slice(cut + 1);
        return ready + (pending.length >= maxPending ? this.push("") : "");
      }
      pending += text;
      if (pending.length < maxPending) return "";
      // A piece of a longer line: its own log line, so runner.log stays line-oriented.
      const piece = prefixed(pending) + "\n";
      pending = "";
      return piece;
    },
    end() {
      const rest = pending ? prefixed(pending) + "\n" : "";
      pending = "";
      return rest;
    },
  };
}
