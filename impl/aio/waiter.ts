/**
 * A one-shot wake-up slot, the counterpart of the bare asyncio Future each primitive parks a
 * task on. asyncio's algorithms branch on `fut.done()` and `fut.cancelled()` *after* the task
 * resumes, so the slot must remember which of the two settled it: a waiter that was woken
 * (handed the lock, a permit, a queue wake-up) and then cancelled before it ran has to give
 * that hand-off back, while one cancelled while still pending owes nothing.
 */
type WaiterState = 'pending' | 'woken' | 'cancelled';

export class Waiter {
  private current: WaiterState = 'pending';
  private resolve!: () => void;
  /** Resolves (never rejects) once the waiter is woken or cancelled. */
  readonly settled: Promise<void>;

  constructor() {
    this.settled = new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Python's `fut.done()`: woken or cancelled, i.e. no longer eligible for a wake-up. */
  get done(): boolean {
    return this.current !== 'pending';
  }

  /** Python's `fut.cancelled()`: cancelled while still pending, so nothing was handed to it. */
  get cancelled(): boolean {
    return this.current === 'cancelled';
  }

  /** `fut.set_result(...)` on a pending future; false (and no effect) if already settled. */
  wake(): boolean {
    return this.settle('woken');
  }

  /** `fut.cancel()`: false (and no effect) if already settled, exactly like a done Future. */
  cancel(): boolean {
    return this.settle('cancelled');
  }

  private settle(state: Exclude<WaiterState, 'pending'>): boolean {
    if (this.current !== 'pending') return false;
    this.current = state;
    this.resolve();
    return true;
  }
}

/** Removes `item` if present (asyncio's `deque.remove` wrapped in a `ValueError` guard). */
export function removeWaiter(waiters: Waiter[], item: Waiter): void {
  const at = waiters.indexOf(item);
  if (at >= 0) waiters.splice(at, 1);
}
