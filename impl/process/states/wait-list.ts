/**
 * Callers parked on one shared object inside the object server, in arrival order. Objects hand
 * what a waiter waits for (the lock, a permit, an item, a free slot) straight to the first in
 * line, so waiting is FIFO and nobody barges. A waiter leaves the line when it is woken, when
 * its timeout passes, or when its caller's connection goes away (the caller's process died).
 */

/** What the object server knows about one call. */
export interface CallContext {
  /** `pid:threadId` of the caller, for owner checks. */
  caller: string;
  /** Aborted when the caller's connection closes. */
  signal: AbortSignal;
}

/** setTimeout fires at once beyond this many ms, so longer waits get no timer at all. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Waiter<T, P> {
  payload: P;
  caller: string;
  settle(outcome: { value: T } | { error: unknown }): void;
}

export class WaitList<T, P = undefined> {
  private readonly waiters: Waiter<T, P>[] = [];

  get length(): number {
    return this.waiters.length;
  }

  /** The first waiter's payload and caller, if anyone waits. */
  peek(): { payload: P; caller: string } | undefined {
    return this.waiters[0];
  }

  /**
   * Waits to be woken with a value. When `timeoutSeconds` (null: forever) passes first, the
   * result is `onTimeout()`, which may also throw (queue.Full, queue.Empty).
   */
  park(ctx: CallContext, timeoutSeconds: number | null, onTimeout: () => T, payload: P): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = () => {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
      };
      const waiter: Waiter<T, P> = {
        payload,
        caller: ctx.caller,
        settle: (outcome) => {
          leave();
          if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error);
        },
      };
      const onAbort = () => waiter.settle({ error: ctx.signal.reason });
      if (ctx.signal.aborted) {
        reject(ctx.signal.reason);
        return;
      }
      this.waiters.push(waiter);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const ms = timeoutSeconds === null ? Infinity : Math.max(0, timeoutSeconds * 1000);
      if (ms <= MAX_TIMER_MS) {
        timer = setTimeout(() => {
          try {
            waiter.settle({ value: onTimeout() });
          } catch (error) {
            waiter.settle({ error });
          }
        }, ms);
      }
    });
  }

  /** Hands `value` to the first waiter; false when nobody waits. */
  wakeFirst(value: T): boolean {
    const first = this.waiters[0];
    if (first === undefined) return false;
    first.settle({ value });
    return true;
  }

  /** Hands `value` to every waiter; returns how many there were. */
  wakeAll(value: T): number {
    const all = [...this.waiters];
    all.forEach((w) => w.settle({ value }));
    return all.length;
  }
}

/** Python's convention for `block`/`timeout`: does this call refuse to wait at all? */
export function tryOnly(block: boolean, timeout: number | null): boolean {
  return !block || (timeout !== null && timeout <= 0);
}
