import { ValueError } from '../../errors';
import { tryOnly, WaitList, type CallContext } from './wait-list';

/**
 * A counting semaphore held by the object server: multiprocessing's SemLock of kind SEMAPHORE,
 * which is also what its Lock (value 1, bound 1) and BoundedSemaphore are. A release hands its
 * permit straight to the first waiter. Going above the bound raises CPython's ValueError.
 */
export class SemaphoreState {
  private readonly waiters = new WaitList<boolean>();

  constructor(
    private value: number,
    private readonly bound: number,
  ) {}

  call(method: string, args: unknown[], ctx: CallContext): boolean | number | null | Promise<boolean> {
    switch (method) {
      case 'acquire':
        return this.acquire(args[0] as boolean, args[1] as number | null, ctx);
      case 'release':
        this.release();
        return null;
      case 'get_value':
        return this.value;
      default:
        throw new TypeError(`a semaphore has no method ${method}`);
    }
  }

  private acquire(block: boolean, timeout: number | null, ctx: CallContext): boolean | Promise<boolean> {
    if (this.value > 0 && this.waiters.length === 0) {
      this.value -= 1;
      return true;
    }
    if (tryOnly(block, timeout)) return false;
    return this.waiters.park(ctx, timeout, () => false, undefined);
  }

  private release(): void {
    if (this.waiters.wakeFirst(true)) return;
    if (this.value >= this.bound) throw new ValueError('semaphore or lock released too many times');
    this.value += 1;
  }
}
