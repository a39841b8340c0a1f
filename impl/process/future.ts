import { CancelledError, InvalidStateError, TimeoutError } from './errors';
import { whileWaiting } from './keep-alive';

/**
 * concurrent.futures.Future: what Executor.submit() returns. result(timeout) waits for the value
 * (or raises the task's error, CancelledError, or TimeoutError); add_done_callback(fn) calls
 * fn(future) once the future is done, in this process, right away if it already is; it returns
 * nothing (None). A callback that raises is reported and ignored, as CPython logs it.
 */

type State = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'FINISHED';

export class Future<T> {
  private state: State = 'PENDING';
  private value: T | undefined;
  private error: Error | undefined;
  private readonly callbacks: ((future: Future<T>) => unknown)[] = [];
  private readonly settled: Promise<void>;
  private settle: () => void = () => undefined;

  constructor() {
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
  }

  done(): boolean {
    return this.state === 'CANCELLED' || this.state === 'FINISHED';
  }

  running(): boolean {
    return this.state === 'RUNNING';
  }

  cancelled(): boolean {
    return this.state === 'CANCELLED';
  }

  /** Cancels a future that has not started running; returns whether it is cancelled. */
  cancel(): boolean {
    if (this.state === 'RUNNING' || this.state === 'FINISHED') return false;
    if (this.state === 'PENDING') this.finish('CANCELLED');
    return true;
  }

  async result(timeout: number | null = null): Promise<T> {
    await this.wait(timeout);
    if (this.state === 'CANCELLED') throw new CancelledError();
    if (this.error !== undefined) throw this.error;
    return this.value as T;
  }

  /**
   * The outcome of a future that is done, synchronously: what CPython's result() gives inside a
   * done callback. Raises InvalidStateError if it is not done.
   */
  result_now(): T {
    if (!this.done()) throw new InvalidStateError(`${this.toString()} is not done`);
    if (this.state === 'CANCELLED') throw new CancelledError();
    if (this.error !== undefined) throw this.error;
    return this.value as T;
  }

  async exception(timeout: number | null = null): Promise<Error | null> {
    await this.wait(timeout);
    if (this.state === 'CANCELLED') throw new CancelledError();
    return this.error ?? null;
  }

  add_done_callback(fn: (future: Future<T>) => unknown): void {
    if (this.done()) this.call(fn);
    else this.callbacks.push(fn);
  }

  /** @internal the executor moves a queued future to running; false if it was cancelled meanwhile. */
  set_running_or_notify_cancel(): boolean {
    if (this.state === 'CANCELLED') return false;
    this.state = 'RUNNING';
    return true;
  }

  /** @internal */
  set_result(value: T): void {
    this.value = value;
    this.finish('FINISHED');
  }

  /** @internal */
  set_exception(error: Error): void {
    this.error = error;
    this.finish('FINISHED');
  }

  toString(): string {
    return `<Future state=${this.state.toLowerCase()}>`;
  }

  private async wait(timeout: number | null): Promise<void> {
    if (this.done()) return;
    if (timeout === null) {
      await whileWaiting(this.settled);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, timeout) * 1000)))]);
    clearTimeout(timer);
    if (!this.done()) throw new TimeoutError();
  }

  private finish(state: State): void {
    this.state = state;
    this.settle();
    for (const fn of this.callbacks.splice(0)) this.call(fn);
  }

  private call(fn: (future: Future<T>) => unknown): void {
    try {
      const returned = fn(this);
      if (returned instanceof Promise) returned.catch((error: unknown) => reportCallbackError(this, error));
    } catch (error) {
      reportCallbackError(this, error);
    }
  }
}

function reportCallbackError(future: { toString(): string }, error: unknown): void {
  process.stderr.write(`exception calling callback for ${future.toString()}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
