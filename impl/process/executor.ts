import { RuntimeError, ValueError } from '../errors';
import { registerAtExit } from './at-exit';
import { Future } from './future';

/**
 * What ProcessPoolExecutor and ThreadPoolExecutor share (concurrent.futures.Executor): submit()
 * queues a call and returns a Future at once; a worker is added when none is idle, up to
 * max_workers (workers are created on demand, never up front); shutdown(wait) takes no more
 * work and, with wait, returns once everything submitted has finished and the workers are gone.
 * An executor never shut down still finishes its work before its process ends (at-exit.ts), as
 * CPython's do. A task that raises, or a worker that dies, fails that task's future only.
 */

export type TaskOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

export interface TaskWorker<Task> {
  readonly busy: boolean;
  readonly alive: boolean;
  readonly exited: Promise<void>;
  run(task: Task): Promise<TaskOutcome>;
  /** Exit once idle. */
  stop(): void;
}

interface WorkItem<Task> {
  task: Task;
  future: Future<unknown>;
}

export abstract class Executor<Task> {
  private readonly workers: TaskWorker<Task>[] = [];
  private readonly queue: WorkItem<Task>[] = [];
  private readonly futures = new Set<Future<unknown>>();
  private shuttingDown = false;
  private started = 0;
  private readonly unregisterAtExit: () => void;

  constructor(readonly _max_workers: number) {
    if (!Number.isInteger(_max_workers) || _max_workers <= 0) throw new ValueError('max_workers must be greater than 0');
    this.unregisterAtExit = registerAtExit(() => this.shutdown(true));
  }

  /** The executor's workers that are alive now (they are created on demand). */
  protected get liveWorkers(): readonly TaskWorker<Task>[] {
    return this.workers.filter((w) => w.alive);
  }

  /** How many workers exist now (CPython's len(executor._threads) / len(executor._processes)). */
  get _workers(): number {
    return this.liveWorkers.length;
  }

  protected abstract prepare(fn: (...args: never[]) => unknown, args: unknown[]): Task;

  /** `index` counts from 0 over the executor's life. */
  protected abstract startWorker(index: number): TaskWorker<Task>;

  submit<T>(fn: (...args: never[]) => T | Promise<T>, ...args: unknown[]): Future<Awaited<T>> {
    if (this.shuttingDown) throw new RuntimeError('cannot schedule new futures after shutdown');
    const task = this.prepare(fn, args);
    const future = new Future<Awaited<T>>();
    this.futures.add(future as Future<unknown>);
    future.add_done_callback(() => this.futures.delete(future as Future<unknown>));
    this.queue.push({ task, future: future as Future<unknown> });
    if (!this.workers.some((w) => w.alive && !w.busy) && this.liveWorkers.length < this._max_workers) this.workers.push(this.startWorker(this.started++));
    this.pump();
    return future;
  }

  /** Executor.map: results in the order of the arguments. */
  map<R>(fn: (...args: never[]) => R | Promise<R>, ...iterables: Iterable<unknown>[]): Promise<Awaited<R>[]> {
    const columns = iterables.map((it) => [...it]);
    const length = Math.min(...columns.map((c) => c.length));
    const futures = Array.from({ length }, (_, i) => this.submit(fn, ...columns.map((c) => c[i])));
    return Promise.all(futures.map((f) => f.result()));
  }

  async shutdown(wait = true, options: { cancel_futures?: boolean } = {}): Promise<void> {
    this.shuttingDown = true;
    this.unregisterAtExit();
    if (options.cancel_futures === true) for (const item of this.queue.splice(0)) item.future.cancel();
    this.stopIfDone();
    if (!wait) return;
    await Promise.all([...this.futures].map((f) => f.exception().catch(() => undefined)));
    this.stopIfDone();
    await Promise.all(this.workers.map((w) => w.exited));
  }

  private pump(): void {
    for (const worker of this.workers) {
      if (worker.busy || !worker.alive) continue;
      let item = this.queue.shift();
      while (item !== undefined && !item.future.set_running_or_notify_cancel()) item = this.queue.shift();
      if (item === undefined) return;
      const { future } = item;
      void worker.run(item.task).then((outcome) => {
        if (outcome.ok) future.set_result(outcome.value);
        else future.set_exception(outcome.error);
        this.afterTask();
      });
    }
  }

  private afterTask(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) if (!this.workers[i].alive) this.workers.splice(i, 1);
    if (this.queue.length > 0 && !this.workers.some((w) => !w.busy) && this.workers.length < this._max_workers) this.workers.push(this.startWorker(this.started++));
    this.pump();
    this.stopIfDone();
  }

  private stopIfDone(): void {
    if (!this.shuttingDown || this.queue.length > 0 || this.workers.some((w) => w.busy)) return;
    for (const w of this.workers) if (w.alive) w.stop();
  }
}
