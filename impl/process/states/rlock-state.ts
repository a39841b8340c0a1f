import { AssertionError } from '../errors';
import { tryOnly, WaitList, type CallContext } from './wait-list';

/**
 * multiprocessing.RLock held by the object server: owned by one thread of one process (the
 * caller id), re-entrant for its owner, released for good when the count drops to zero, and
 * handed to the first waiter then.
 */
export class RLockState {
  private owner: string | undefined;
  private count = 0;
  private readonly waiters = new WaitList<boolean>();

  call(method: string, args: unknown[], ctx: CallContext): boolean | null | Promise<boolean> {
    switch (method) {
      case 'acquire':
        return this.acquire(args[0] as boolean, args[1] as number | null, ctx);
      case 'release':
        this.release(ctx.caller);
        return null;
      default:
        throw new TypeError(`an RLock has no method ${method}`);
    }
  }

  private acquire(block: boolean, timeout: number | null, ctx: CallContext): boolean | Promise<boolean> {
    if (this.owner === ctx.caller) {
      this.count += 1;
      return true;
    }
    if (this.owner === undefined && this.waiters.length === 0) {
      this.owner = ctx.caller;
      this.count = 1;
      return true;
    }
    if (tryOnly(block, timeout)) return false;
    return this.waiters.park(ctx, timeout, () => false, undefined);
  }

  private release(caller: string): void {
    if (this.owner !== caller) throw new AssertionError('attempt to release recursive lock not owned by thread');
    this.count -= 1;
    if (this.count > 0) return;
    this.owner = undefined;
    const next = this.waiters.peek();
    if (next === undefined) return;
    this.owner = next.caller;
    this.count = 1;
    this.waiters.wakeFirst(true);
  }
}
