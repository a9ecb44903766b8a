/**
 * Watches one HTTP attempt: aborts it when no byte moved for `stallMs` (a server that stopped
 * reading or answering), after `timeoutMs`, or at the overall `deadline`, and says which it was.
 *
 * @module
 */

/** What a request body or reply reader tells the watchdog. */
export interface Attempt {
  /** Bytes moved (0: a sign of life, e.g. the reply headers arrived). */
  touch(bytes: number): void;
  readonly signal: AbortSignal;
}

/** An attempt aborted because nothing moved: retried like a network error. */
export class StallError extends Error {
  constructor(seconds: number) {
    super(`no bytes moved for ${seconds} s`);
    this.name = "StallError";
  }
}

export class Watchdog {
  readonly signal: AbortSignal;
  readonly attempt: Attempt;
  private readonly controller = new AbortController();
  private last = Date.now();
  private why: Error | undefined;
  private deadlineHit = false;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  constructor(opts: { timeoutMs?: number; stallMs?: number; deadline?: number }) {
    this.signal = this.controller.signal;
    this.attempt = { touch: () => (this.last = Date.now()), signal: this.signal };
    const now = Date.now();
    if (opts.timeoutMs !== undefined) {
      this.timers.push(setTimeout(() => this.abort(new Error("request timed out")), opts.timeoutMs));
    }
    if (opts.deadline !== undefined) {
      this.timers.push(setTimeout(() => {
        this.deadlineHit = true;
        this.abort(new Error("time limit reached"));
      }, Math.max(0, opts.deadline - now)));
    }
    if (opts.stallMs !== undefined) {
      const stallMs = opts.stallMs;
      // Checked a few times per period, so a stall is seen within ~1.25 × stallMs.
      const every = Math.max(50, Math.min(1_000, stallMs / 4));
      this.timers.push(setInterval(() => {
        if (Date.now() - this.last >= stallMs) this.abort(new StallError(Math.round(stallMs / 100) / 10));
      }, every));
    }
  }

  private abort(why: Error): void {
    if (this.why) return;
    this.why = why;
    this.controller.abort(why);
  }

  /** Why the attempt was aborted, if the watchdog did it. */
  reason(): Error | undefined {
    return this.why;
  }

  hitDeadline(): boolean {
    return this.deadlineHit;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
