import { ValueError } from '../errors';
import { TimeoutError } from './errors';
import { whileWaiting } from './keep-alive';

/**
 * multiprocessing.pool.AsyncResult (ApplyResult): what apply_async returns. get(timeout)
 * waits for the value or raises the task's error; it has no add_done_callback (that is
 * concurrent.futures' Future), so code that wants to be called back passes `callback` to
 * apply_async instead.
 */
export class AsyncResult<T> {
  private outcome: { ok: true; value: T } | { ok: false; error: Error } | undefined;
  private readonly settled: Promise<void>;
  private settle: () => void = () => undefined;

  constructor() {
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
  }

  /** @internal the pool delivers the task's outcome. */
  deliver(outcome: { ok: true; value: T } | { ok: false; error: Error }): void {
    if (this.outcome !== undefined) return;
    this.outcome = outcome;
    this.settle();
  }

  ready(): boolean {
    return this.outcome !== undefined;
  }

  successful(): boolean {
    if (this.outcome === undefined) throw new ValueError(`${this.toString()} not ready`);
    return this.outcome.ok;
  }

  async wait(timeout: number | null = null): Promise<void> {
    if (timeout === null) {
      await whileWaiting(this.settled);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, timeout) * 1000)))]);
    clearTimeout(timer);
  }

  /** The task's value; its error if it raised; TimeoutError if `timeout` seconds pass first. */
  async get(timeout: number | null = null): Promise<T> {
    await this.wait(timeout);
    const outcome = this.outcome;
    if (outcome === undefined) throw new TimeoutError();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  toString(): string {
    return '<multiprocessing.pool.ApplyResult object>';
  }
}
