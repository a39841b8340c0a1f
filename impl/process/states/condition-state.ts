import { RuntimeError } from '../../errors';
import { WaitList, type CallContext } from './wait-list';

/**
 * A Condition held by a manager process, over its own RLock (as Manager().Condition() is):
 * wait() requires the lock, releases it completely, waits to be notified (or for the timeout),
 * then takes it back with the same recursion count before returning.
 */
export class ConditionState {
  private owner: string | undefined;
  private count = 0;
  private readonly lockWaiters = new WaitList<boolean>();
  private readonly waiters = new WaitList<boolean>();

  call(method: string, args: unknown[], ctx: CallContext): unknown {
    switch (method) {
      case 'acquire':
        return this.acquire(ctx, args[0] as boolean, args[1] as number | null);
      case 'release':
        if (this.owner !== ctx.caller) throw new RuntimeError('cannot release un-acquired lock');
        if (--this.count === 0) this.handOver();
        return null;
      case 'wait':
        return this.wait(ctx, args[0] as number | null);
      case 'notify':
        this.requireOwner(ctx, 'notify');
        for (let i = 0; i < ((args[0] as number | undefined) ?? 1); i++) if (!this.waiters.wakeFirst(true)) break;
        return null;
      case 'notify_all':
        this.requireOwner(ctx, 'notify');
        this.waiters.wakeAll(true);
        return null;
      default:
        throw new TypeError(`a Condition has no method ${method}`);
    }
  }

  private requireOwner(ctx: CallContext, what: string): void {
    if (this.owner !== ctx.caller) throw new RuntimeError(`cannot ${what} on un-acquired lock`);
  }

  private acquire(ctx: CallContext, block = true, timeout: number | null = null): boolean | Promise<boolean> {
    if (this.owner === ctx.caller) {
      this.count++;
      return true;
    }
    if (this.owner === undefined && this.lockWaiters.length === 0) {
      this.owner = ctx.caller;
      this.count = 1;
      return true;
    }
    if (!block || (timeout !== null && timeout <= 0)) return false;
    return this.lockWaiters.park(ctx, timeout, () => false, undefined);
  }

  private handOver(): void {
    this.owner = undefined;
    const next = this.lockWaiters.peek();
    if (next === undefined) return;
    this.owner = next.caller;
    this.count = 1;
    this.lockWaiters.wakeFirst(true);
  }

  private async wait(ctx: CallContext, timeout: number | null): Promise<boolean> {
    this.requireOwner(ctx, 'wait');
    const saved = this.count;
    this.count = 0;
    this.handOver();
    const notified = await this.waiters.park(ctx, timeout, () => false, undefined);
    await this.acquire(ctx);
    this.count = saved;
    return notified;
  }
}
