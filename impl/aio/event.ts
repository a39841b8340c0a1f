import { CancelScope, type WaitOptions } from './cancel-scope';
import { Waiter, removeWaiter } from './waiter';

/** asyncio.Event: set() wakes every current waiter, even if clear() follows at once. */
export class Event {
  private flag = false;
  private readonly waiters: Waiter[] = [];

  is_set(): boolean {
    return this.flag;
  }

  set(): void {
    if (this.flag) return;
    this.flag = true;
    for (const waiter of this.waiters) waiter.wake();
  }

  clear(): void {
    this.flag = false;
  }

  /** Resolves to true once the flag is set (at once if it is set already). */
  wait(options?: WaitOptions): Promise<true> {
    return CancelScope.run(options, (scope) => this.waitIn(scope));
  }

  private async waitIn(scope: CancelScope): Promise<true> {
    if (this.flag) return true;
    const waiter = new Waiter();
    this.waiters.push(waiter);
    try {
      await scope.park(waiter);
    } finally {
      removeWaiter(this.waiters, waiter);
    }
    // A cancel that beats the resumption wins, as in asyncio, even if set() woke us.
    if (scope.cancelled) throw scope.cancelledError();
    return true;
  }
}
