/**
 * Python's timeout conventions, shared by every primitive.
 *
 * Timeouts are in SECONDS (fractional allowed), exactly as in Python; `null` means Python's
 * `None` (wait forever). Each primitive validates its arguments the way its CPython 3.11
 * counterpart does, so the rules are spelled out here once:
 * - a timed wait longer than `TIMEOUT_MAX` (including `Infinity`) raises OverflowError, but only
 *   when the call really has to wait (Lock/RLock check it up front, as CPython's C code does);
 * - a timeout <= 0 on Condition/Event/Semaphore waits means "try once, do not block";
 * - NaN: Lock/RLock raise ValueError; Condition.wait and Event.wait treat it as "do not block";
 *   where CPython would spin re-waiting with NaN until the condition holds (Semaphore, Queue,
 *   wait_for, Barrier) we block without spinning, which is observably the same.
 * Deadlines use the monotonic `performance.now()`, and every blocking loop re-checks its condition
 * after each wake-up, so spurious wake-ups never end a wait early.
 */
import { performance } from 'node:perf_hooks';
import { OverflowError, ValueError } from '../errors';

/** `threading.TIMEOUT_MAX` on 64-bit Linux CPython 3.11. */
export const TIMEOUT_MAX = 9223372036;

const OVERFLOW_MESSAGE = 'timestamp out of range for platform time_t';

/** A point on the monotonic clock after which a wait gives up; `forever` never passes. */
export class Deadline {
  private constructor(private readonly atMs: number) {}

  static readonly forever = new Deadline(Infinity);

  /** A deadline `seconds` from now; `null` (Python's None) is `forever`. */
  static after(seconds: number | null): Deadline {
    if (seconds === null || Number.isNaN(seconds)) return Deadline.forever;
    return new Deadline(performance.now() + seconds * 1000);
  }

  /** Milliseconds left (Infinity for `forever`), suitable for `Atomics.wait`. */
  remainingMs(): number {
    return this.atMs === Infinity ? Infinity : this.atMs - performance.now();
  }

  /** Seconds left, as Python code computes `endtime - time()`. */
  remainingSeconds(): number {
    return this.remainingMs() / 1000;
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }
}

/** Raises CPython's OverflowError for a timed wait that does not fit the clock. */
export function checkTimedWait(seconds: number): void {
  if (seconds > TIMEOUT_MAX) throw new OverflowError(OVERFLOW_MESSAGE);
}

/**
 * Validates `Lock.acquire(blocking, timeout)` / `RLock.acquire` arguments in CPython's order and
 * returns how long the call may block: 0 (try once), a number of seconds, or null (forever).
 * `-1` is CPython's "unset" timeout.
 */
export function lockAcquireTimeout(blocking: boolean, timeout: number): number | null {
  if (Number.isNaN(timeout)) throw new ValueError('Invalid value NaN (not a number)');
  checkTimedWait(Math.abs(timeout));
  const unset = timeout === -1;
  if (!blocking && !unset) throw new ValueError("can't specify a timeout for a non-blocking call");
  if (timeout < 0 && !unset) throw new ValueError('timeout value must be positive');
  if (!blocking) return 0;
  return unset ? null : timeout;
}

/**
 * Blocks on `view[index]` while it holds `expected`, until woken or the deadline passes.
 * Returns false when the deadline had already passed (nothing was waited for). Callers loop
 * and re-check their own condition: a `true` return says nothing about why the wait ended.
 */
export function futexWait(view: Int32Array, index: number, expected: number, deadline: Deadline): boolean {
  const ms = deadline.remainingMs();
  if (ms <= 0) return false;
  Atomics.wait(view, index, expected, ms);
  return true;
}
