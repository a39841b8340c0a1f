import { ValueError } from '../errors';
import { AsyncResult } from './async-result';
import { whileWaiting } from './keep-alive';
import { cpu_count } from './process';
import { prepareTask, WorkerProcess, type PreparedTask, type TaskOutcome } from './worker-process';

/**
 * multiprocessing.Pool(processes): that many worker processes, all started by the constructor
 * and kept for the pool's life; tasks wait in a queue until a worker is free. apply() waits for
 * its result; apply_async() returns an AsyncResult at once and calls `callback` with the value
 * (or `error_callback` with the error) here, in the pool's process, when the task is done.
 * close() takes no more tasks, join() (only after close() or terminate(), ValueError otherwise)
 * waits until every task is done and the workers have exited.
 *
 * As in CPython, the workers are daemonic: a program that ends without close()+join() has its
 * unfinished tasks killed. Unlike CPython, a worker that dies fails only its own task
 * (WorkerLostError) and is replaced; CPython leaves that task waiting forever. And as in
 * CPython, a callback that raises kills the pool's result handling: no later result is
 * delivered and join() never returns.
 */

export interface ApplyOptions<T> {
  callback?: (value: T) => unknown;
  error_callback?: (error: Error) => unknown;
}

interface Job {
  task: PreparedTask;
  result: AsyncResult<unknown>;
  options: ApplyOptions<unknown>;
}

type State = 'RUN' | 'CLOSE' | 'TERMINATE';

export class Pool {
  private readonly workers: WorkerProcess[] = [];
  private readonly queue: Job[] = [];
  private state: State = 'RUN';
  private outstanding = 0;
  private resultHandlerAlive = true;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(processes: number = cpu_count()) {
    if (!Number.isInteger(processes) || processes < 1) throw new ValueError('Number of processes must be at least 1');
    for (let i = 0; i < processes; i++) this.workers.push(this.startWorker());
  }

  /** pids of the worker processes now in the pool. */
  get pids(): number[] {
    return this.workers.filter((w) => w.alive).map((w) => w.pid);
  }

  apply<T>(func: (...args: never[]) => T | Promise<T>, args: readonly unknown[] = []): Promise<T> {
    return this.apply_async(func, args).get();
  }

  apply_async<T>(func: (...args: never[]) => T | Promise<T>, args: readonly unknown[] = [], options: ApplyOptions<T> = {}): AsyncResult<T> {
    if (this.state !== 'RUN') throw new ValueError('Pool not running');
    const result = new AsyncResult<T>();
    this.queue.push({ task: prepareTask(func, args), result: result as AsyncResult<unknown>, options: options as ApplyOptions<unknown> });
    this.outstanding++;
    this.pump();
    return result;
  }

  /** Pool.map: applies `func` to each item, results in the items' order. */
  map<T, R>(func: (item: T) => R | Promise<R>, iterable: Iterable<T>): Promise<R[]> {
    const results = [...iterable].map((item) => this.apply_async(func as (...args: never[]) => R, [item]));
    return Promise.all(results.map((r) => r.get()));
  }

  close(): void {
    if (this.state === 'RUN') this.state = 'CLOSE';
    this.stopIfDone();
  }

  terminate(): void {
    this.state = 'TERMINATE';
    this.queue.length = 0;
    for (const w of this.workers) w.kill('SIGTERM');
  }

  /**
   * Waits like a blocked thread (the process stays alive meanwhile). If a callback raised, the
   * pool never drains (CPython keeps that job in its cache) and join() waits forever.
   */
  async join(): Promise<void> {
    if (this.state === 'RUN') throw new ValueError('Pool is still running');
    if (this.state === 'CLOSE' && (this.outstanding > 0 || !this.resultHandlerAlive)) {
      await whileWaiting(new Promise<void>((resolve) => this.idleWaiters.push(resolve)));
    }
    await whileWaiting(Promise.all(this.workers.map((w) => w.exited)));
  }

  private startWorker(): WorkerProcess {
    return new WorkerProcess('SpawnPoolWorker');
  }

  private pump(): void {
    for (const worker of this.workers) {
      if (this.queue.length === 0) return;
      if (worker.busy || !worker.alive) continue;
      const job = this.queue.shift() as Job;
      void worker.run(job.task).then((outcome) => this.finished(worker, job, outcome));
    }
  }

  private finished(worker: WorkerProcess, job: Job, outcome: TaskOutcome): void {
    if (!worker.alive && this.state !== 'TERMINATE') {
      const at = this.workers.indexOf(worker);
      this.workers[at] = this.startWorker();
    }
    if (this.state !== 'TERMINATE') this.deliver(job, outcome);
    this.outstanding--;
    this.pump();
    this.stopIfDone();
  }

  /** CPython's result handler: settles the result, then runs the callback in this process. */
  private deliver(job: Job, outcome: TaskOutcome): void {
    if (!this.resultHandlerAlive) return;
    job.result.deliver(outcome);
    const callback = outcome.ok ? job.options.callback : job.options.error_callback;
    if (callback === undefined) return;
    try {
      callback((outcome.ok ? outcome.value : outcome.error) as never);
    } catch (error) {
      this.resultHandlerAlive = false;
      process.stderr.write(`Exception in thread Thread-3 (_handle_results):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }

  private stopIfDone(): void {
    if (this.state !== 'CLOSE' || this.outstanding > 0 || !this.resultHandlerAlive) return;
    for (const w of this.workers) w.stop();
    this.idleWaiters.splice(0).forEach((wake) => wake());
  }
}
