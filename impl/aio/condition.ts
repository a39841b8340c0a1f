import { RuntimeError } from '../errors';
import { CancelScope, type WaitOptions } from './cancel-scope';
import { CancelledError } from './cancellation-errors';
import { Lock } from './lock';
import { Waiter, removeWaiter } from './waiter';

/**
 * asyncio.Condition (CPython 3.11) over an asyncio Lock, a fresh one unless given. asyncio
 * locks have no owner, so "holding the lock" can only mean "the lock is locked".
 *
 * Faithful to 3.11, a waiter that is notified and then cancelled before it runs swallows that
 * notification: nobody else is woken in its place (3.13 changed this).
 */
export class Condition {
  private readonly lock: Lock;
  private readonly waiters: Waiter[] = [];

  constructor(lock?: Lock) {
    this.lock = lock ?? new Lock();
  }

  locked(): boolean {
    return this.lock.locked();
  }

  acquire(options?: WaitOptions): Promise<true> {
    return this.lock.acquire(options);
  }

  release(): void {
    this.lock.release();
  }

  /**
   * Releases the lock, waits for a notify, then re-acquires the lock before returning true.
   * The lock is held again when this settles, whether it resolves or rejects (cancelled,
   * timed out), because asyncio re-acquires it even through cancellation.
   */
  wait(options?: WaitOptions): Promise<true> {
    return CancelScope.run(options, (scope) => this.waitIn(scope));
  }

  /**
   * Waits until `predicate()` is truthy and resolves to its value; re-checked after every
   * wake-up. A timeout or signal covers the whole call, as asyncio.wait_for around it would.
   */
  wait_for<T>(predicate: () => T, options?: WaitOptions): Promise<T> {
    return CancelScope.run(options, async (scope) => {
      let result = predicate();
      while (!result) {
        await this.waitIn(scope);
        result = predicate();
      }
      return result;
    });
  }

  /** Wakes up to `n` waiters that are not already woken or cancelled, oldest first. */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    let woken = 0;
    for (const waiter of this.waiters) {
      if (woken >= n) break;
      if (waiter.wake()) woken += 1;
    }
  }

  notify_all(): void {
    this.notify(this.waiters.length);
  }

  private async waitIn(scope: CancelScope): Promise<true> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    this.release();
    try {
      const waiter = new Waiter();
      this.waiters.push(waiter);
      try {
        await scope.park(waiter);
      } finally {
        removeWaiter(this.waiters, waiter);
      }
    } finally {
      await this.reacquire(scope);
    }
    if (scope.cancelled) throw scope.cancelledError();
    return true;
  }

  /**
   * asyncio loops on acquire() swallowing CancelledError so that the caller always gets the
   * lock back. A cancel is delivered once: if it lands during the re-acquire, that acquire
   * gives up its place (passing on a hand-off) and the re-acquire starts again at the back.
   */
  private async reacquire(scope: CancelScope): Promise<void> {
    if (!scope.cancelled) {
      try {
        await this.lock.acquire({ signal: scope.signal });
        return;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
      }
    }
    await this.lock.acquire();
  }
}
