/**
 * Progress lines for a long transfer: nothing for a quick one, then one line every `everyMs`
 * (5 s on a terminal, 30 s in CI logs) with bytes, percentage and rate, so a slow upload is
 * visibly moving and a stalled one visibly not.
 *
 * @module
 */

const MIB = 2 ** 20;

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

/**
 * `12.0 MiB / 40.0 MiB (30%), 2.4 MiB/s`, plus what it is waiting for when nothing moves. "Sent"
 * means handed to the socket: the last few MiB may still sit in the kernel's buffers.
 */
export function progressLine(sent: number, total: number, elapsedMs: number, idleMs = 0): string {
  const pct = total > 0 ? Math.floor((sent / total) * 100) : 100;
  const rate = elapsedMs > 0 ? sent / (elapsedMs / 1000) : 0;
  const base = `${mib(sent)} / ${mib(total)} (${pct}%), ${mib(rate)}/s`;
  if (sent >= total) return `${base}, waiting for the server's reply`;
  return idleMs >= 1_000 ? `${base}, nothing sent for ${Math.floor(idleMs / 1000)} s` : base;
}

export interface Progress {
  add(bytes: number): void;
  /** Restarts the count (a new attempt sends from the start). */
  restart(): void;
  stop(): void;
}

/**
 * @example
 * ```ts
 * const p = startProgress(archive.size, (line) => log.info(`Uploading the archive: ${line}`), 5_000);
 * p.add(chunk.length); // per chunk sent
 * p.stop();
 * ```
 */
export function startProgress(total: number, print: (line: string) => void, everyMs: number): Progress {
  let sent = 0;
  let started = Date.now();
  let moved = started;
  const timer = setInterval(() => print(progressLine(sent, total, Date.now() - started, Date.now() - moved)), everyMs);
  return {
    add: (bytes) => {
      sent += bytes;
      moved = Date.now();
    },
    restart: () => {
      sent = 0;
      started = moved = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}
