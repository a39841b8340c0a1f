/**
 * A deadline that never fires early. Node's timers run on libuv's loop clock, which is cached
 * and truncated to whole milliseconds, so a 300 ms `setTimeout` can run when a monotonic clock
 * read at arming time shows 299.9 ms. A run that ends "at the deadline" must have lasted at
 * least that long on the clock its history uses, so the timer checks that clock and re-arms
 * for the remainder instead of trusting the loop.
 */
export interface DeadlineTimer {
  /** Cancels the deadline; calling it after it fired does nothing. */
  cancel(): void;
}

export function armDeadline(ms: number, elapsedMs: () => number, onExpire: () => void): DeadlineTimer {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = ms - elapsedMs();
    if (left <= 0) {
      timer = undefined;
      onExpire();
    } else {
      // ceil: a sub-millisecond remainder would otherwise become a 1 ms timer anyway, or 0.
      timer = setTimeout(check, Math.ceil(left));
    }
  };
  timer = setTimeout(check, Math.max(0, ms));
  return {
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
