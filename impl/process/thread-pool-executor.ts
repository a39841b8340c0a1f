import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundleOf } from './bundle';
import { WorkerLostError } from './errors';
import { reviveError } from './error-names';
import { Executor, type TaskOutcome, type TaskWorker } from './executor';
import { cpu_count } from './process';
import { slot } from './runtime';
import { processSourceDir } from './source-location';
import { exportRefOf, type ExportRef } from './target-ref';
import { decodeFromThread, encodeForThread } from './transfer';

/**
 * concurrent.futures.ThreadPoolExecutor(max_workers): tasks run on worker threads of this
 * process, at most max_workers, by default min(32, os.cpu_count() + 4) as in CPython 3.8+
 * (3.5-3.7 used cpu_count() * 5, the figure the documents give). A thread is added when a task
 * is submitted and no thread is idle. Threads are named ThreadPoolExecutor-N_M as in CPython.
 */

interface ThreadTask {
  fn: ExportRef;
  bundle: string;
  args: unknown[];
}

/** CPython 3.8+'s default: min(32, os.cpu_count() + 4). */
export function defaultThreadWorkers(): number {
  return Math.min(32, cpu_count() + 4);
}

function threadWorkerModule(): string {
  const ts = path.join(processSourceDir(), 'thread-worker-main.ts');
  return fs.existsSync(ts) ? ts : path.join(processSourceDir(), 'thread-worker-main.js');
}

class ThreadWorker implements TaskWorker<ThreadTask> {
  private readonly worker: Worker;
  private current: { id: number; settle(outcome: TaskOutcome): void } | undefined;
  private nextId = 1;
  private gone = false;
  readonly exited: Promise<void>;

  constructor(readonly name: string) {
    this.worker = new Worker(bundleOf(threadWorkerModule()), { name });
    this.worker.on('error', () => undefined);
    this.worker.on('message', (message: { type: 'result' | 'error'; id: number; value?: unknown; error?: { name: string; message: string; stack?: string } }) => {
      const current = this.current;
      if (current === undefined || current.id !== message.id) return;
      this.current = undefined;
      this.worker.unref();
      if (message.type === 'result') current.settle({ ok: true, value: decodeFromThread(message.value) });
      else current.settle({ ok: false, error: reviveError(message.error ?? { name: 'Error', message: 'unknown error' }) });
    });
    this.exited = new Promise<void>((resolve) => {
      this.worker.once('exit', () => {
        this.gone = true;
        this.current?.settle({ ok: false, error: new WorkerLostError(`the worker thread ${name} ended while running this task`) });
        this.current = undefined;
        resolve();
      });
    });
    this.worker.unref();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get alive(): boolean {
    return !this.gone;
  }

  run(task: ThreadTask): Promise<TaskOutcome> {
    const id = this.nextId++;
    return new Promise<TaskOutcome>((resolve) => {
      this.current = { id, settle: resolve };
      this.worker.ref();
      this.worker.postMessage({ type: 'task', id, fn: task.fn, bundle: task.bundle, args: encodeForThread(task.args) });
    });
  }

  stop(): void {
    this.worker.ref();
    this.worker.postMessage({ type: 'stop' });
  }
}

export class ThreadPoolExecutor extends Executor<ThreadTask> {
  private readonly prefix: string;

  constructor(max_workers: number | null = null, thread_name_prefix = '') {
    super(max_workers ?? defaultThreadWorkers());
    const counter = slot('thread-pool-executor-counter', () => ({ next: 0 }));
    this.prefix = thread_name_prefix || `ThreadPoolExecutor-${counter.next++}`;
  }

  protected prepare(fn: (...args: never[]) => unknown, args: unknown[]): ThreadTask {
    const ref = exportRefOf(fn, 'task function');
    return { fn: ref, bundle: bundleOf(ref.module), args };
  }

  protected startWorker(index: number): TaskWorker<ThreadTask> {
    return new ThreadWorker(`${this.prefix}_${index}`);
  }
}
