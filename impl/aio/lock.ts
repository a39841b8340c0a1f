import { RuntimeError } from '../errors';
import { CancelScope, type WaitOptions } from './cancel-scope';
import { Waiter, removeWaiter } from './waiter';

/**
 * asyncio.Lock (CPython 3.11): not owned by any task, FIFO among waiters, and a newcomer does
 * not barge past a waiter that has been woken but has not run yet.
 */
export class Lock {
  private isLocked = false;
  /** Parked acquirers in arrival order; each removes itself when it resumes. */
  private readonly waiters: Waiter[] = [];

  locked(): boolean {
    return this.isLocked;
  }

  /** Resolves to true once the lock is held by the caller. */
  acquire(options?: WaitOptions): Promise<true> {
    return CancelScope.run(options, (scope) => this.acquireIn(scope));
  }

  /** Raises RuntimeError('Lock is not acquired.') on an unlocked lock, whoever locked it. */
  release(): void {
    if (!this.isLocked) throw new RuntimeError('Lock is not acquired.');
    this.isLocked = false;
    this.wakeUpFirst();
  }

  private async acquireIn(scope: CancelScope): Promise<true> {
    // Waiters that were cancelled but have not yet run are no reason to queue behind them.
    if (!this.isLocked && this.waiters.every((w) => w.cancelled)) {
      this.isLocked = true;
      return true;
    }
    const waiter = new Waiter();
    this.waiters.push(waiter);
    try {
      await scope.park(waiter);
    } finally {
      removeWaiter(this.waiters, waiter);
    }
    if (scope.cancelled) {
      // We may have been the one woken by release(): pass the turn on or it is lost for good.
      if (!this.isLocked) this.wakeUpFirst();
      throw scope.cancelledError();
    }
    this.isLocked = true;
    return true;
  }

  /**
   * Wakes the head waiter only. A head that is already done (woken, or cancelled and not yet
   * run) will itself either take the lock or call this again, so nobody behind it is skipped.
   */
  private wakeUpFirst(): void {
    this.waiters[0]?.wake();
  }
}
