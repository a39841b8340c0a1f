import { CancelledError, TimeoutError } from './cancellation-errors';
import type { Waiter } from './waiter';

/**
 * How a caller cancels one waiting call. asyncio itself has no timeout on acquire/get/wait:
 * a task is cancelled (Task.cancel) or wrapped in asyncio.wait_for(aw, timeout), which cancels
 * it when the timeout passes and then raises TimeoutError. These two options are exactly that.
 */
export interface WaitOptions {
  /** Aborting it cancels the call like Task.cancel(): it rejects with CancelledError. */
  signal?: AbortSignal;
  /**
   * Seconds, as in asyncio.wait_for(call, timeout): when they pass the call is cancelled and
   * rejects with TimeoutError. `null`/absent waits forever. As in CPython 3.11, a timeout <= 0
   * rejects at once without even trying, however free the primitive is.
   */
  timeout?: number | null;
}

type CancelCause = 'signal' | 'timeout';

/** setTimeout fires at once beyond this many ms; longer timeouts are as good as none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The cancellation state of one waiting call, playing the role of the asyncio Task that runs
 * it. A cancel that arrives while the call is parked on a Waiter cancels that Waiter (if it is
 * still pending) and is then seen by the call when it resumes, exactly where asyncio would
 * throw CancelledError into the coroutine. That includes a cancel arriving after the Waiter was
 * woken but before the call resumed: that is the case in which a primitive must give back what
 * it was handed.
 */
export class CancelScope {
  private cause: CancelCause | null = null;
  private parked: Waiter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly controller = new AbortController();
  private readonly external: AbortSignal | undefined;
  private readonly onExternalAbort = (): void => this.cancel('signal');

  private constructor(options: WaitOptions) {
    this.external = options.signal;
    if (this.external?.aborted) {
      // A task cancelled before its first step never runs its coroutine: no effect at all.
      throw new CancelledError('', { cause: this.external.reason });
    }
    const timeout = options.timeout;
    if (timeout !== undefined && timeout !== null) {
      // CPython 3.11 wait_for(aw, t <= 0) cancels the task before it starts.
      if (timeout <= 0) throw new TimeoutError();
      const ms = timeout * 1000;
      if (!(ms > MAX_TIMER_MS)) this.timer = setTimeout(() => this.cancel('timeout'), ms);
    }
    this.external?.addEventListener('abort', this.onExternalAbort, { once: true });
  }

  /**
   * Runs `body` under a fresh scope built from `options` and always releases the scope's timer
   * and listener. Like asyncio.wait_for, a CancelledError caused by the timeout surfaces as
   * TimeoutError, and a body that finished despite a late cancel returns its result.
   *
   * `body` starts synchronously, so a call that does not need to wait changes the primitive's
   * state before `run` returns, as the matching asyncio coroutine does before it first yields.
   */
  static async run<T>(options: WaitOptions | undefined, body: (scope: CancelScope) => Promise<T>): Promise<T> {
    const scope = new CancelScope(options ?? {});
    try {
      return await body(scope);
    } catch (error) {
      if (error instanceof CancelledError && scope.cause === 'timeout') throw new TimeoutError();
      throw error;
    } finally {
      scope.close();
    }
  }

  /** True once a cancel (abort or timeout) has arrived; it stays true. */
  get cancelled(): boolean {
    return this.cause !== null;
  }

  /**
   * Aborted when this scope is cancelled: pass it as `signal` to nested waiting calls so that
   * composite operations (Condition.wait_for, Barrier.wait, Queue.join) are cancelled as a whole.
   */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Parks the call on `waiter`; resolves when the waiter is woken or cancelled by this scope. */
  park(waiter: Waiter): Promise<void> {
    if (this.cause !== null) waiter.cancel();
    else this.parked = waiter;
    return waiter.settled;
  }

  /** The error a primitive throws after giving back whatever a cancelled wait was handed. */
  cancelledError(): CancelledError {
    const reason = this.cause === 'signal' ? this.external?.reason : undefined;
    return new CancelledError('', { cause: reason });
  }

  private cancel(cause: CancelCause): void {
    if (this.cause !== null) return;
    this.cause = cause;
    clearTimeout(this.timer);
    this.parked?.cancel();
    this.controller.abort(this.cancelledError());
  }

  private close(): void {
    clearTimeout(this.timer);
    this.external?.removeEventListener('abort', this.onExternalAbort);
  }
}
