import { ValueError } from '../errors';
import { CancelScope, type WaitOptions } from './cancel-scope';
import { Waiter, removeWaiter } from './waiter';

/**
 * asyncio.Semaphore as of CPython 3.11.7, which is FIFO-fair: release() hands its permit
 * straight to the first pending waiter (the counter is decremented on its behalf), and while
 * any waiter is not cancelled, locked() is true, so a newcomer queues instead of barging.
 * asyncio's release() takes no count (unlike threading's release(n)).
 */
export class Semaphore {
  /** Free permits; permits handed to woken-but-not-yet-running waiters are already taken out. */
  protected value: number;
  private readonly waiters: Waiter[] = [];

  constructor(value = 1) {
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this.value = value;
  }

  /** True if acquire() would have to wait. */
  locked(): boolean {
    return this.value === 0 || this.waiters.some((w) => !w.cancelled);
  }

  acquire(options?: WaitOptions): Promise<true> {
    return CancelScope.run(options, (scope) => this.acquireIn(scope));
  }

  release(): void {
    this.value += 1;
    this.wakeUpNext();
  }

  private async acquireIn(scope: CancelScope): Promise<true> {
    if (!this.locked()) {
      this.value -= 1;
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
      // Woken means a permit was reserved for us: give it back to the next in line.
      if (!waiter.cancelled) {
        this.value += 1;
        this.wakeUpNext();
      }
      throw scope.cancelledError();
    }
    // Several releases may have happened while we were parked but only one woke us.
    if (this.value > 0) this.wakeUpNext();
    return true;
  }

  private wakeUpNext(): void {
    const next = this.waiters.find((w) => !w.done);
    if (next === undefined) return;
    this.value -= 1;
    next.wake();
  }
}
