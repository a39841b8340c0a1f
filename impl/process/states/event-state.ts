import { WaitList, type CallContext } from './wait-list';

/** multiprocessing.Event held by the object server: set() wakes every current waiter. */
export class EventState {
  private flag = false;
  private readonly waiters = new WaitList<boolean>();

  call(method: string, args: unknown[], ctx: CallContext): boolean | null | Promise<boolean> {
    switch (method) {
      case 'set':
        this.flag = true;
        this.waiters.wakeAll(true);
        return null;
      case 'clear':
        this.flag = false;
        return null;
      case 'is_set':
        return this.flag;
      case 'wait': {
        const timeout = args[0] as number | null;
        if (this.flag) return true;
        // Event.wait returns the flag when it gives up: False unless set meanwhile.
        if (timeout !== null && timeout <= 0) return false;
        return this.waiters.park(ctx, timeout, () => this.flag, undefined);
      }
      default:
        throw new TypeError(`an Event has no method ${method}`);
    }
  }
}
