import { Worker } from 'node:worker_threads';
import type { WorkerCode } from './worker-code';
import type { WorkerToMain } from './worker-protocol';

/**
 * Actor worker threads, kept between runs. Starting a worker costs tens of milliseconds while a
 * racy claim runs its scenario hundreds of times, so a worker whose actor finished cleanly goes
 * back to the pool. A worker that was terminated (deadline, daemon, crash) is gone for good;
 * the pool only ever hands out workers that reported `idle` and have not exited.
 */

export interface PooledWorker {
  readonly worker: Worker;
  readonly id: number;
  /** Set by the 'exit' event: the thread is really gone. */
  exited: boolean;
  exitCode?: number;
  /** The last 'error' event, which always precedes 'exit'. */
  lastError?: Error;
  /** Resolves with the exit code once the thread is gone. */
  readonly exit: Promise<number>;
}

export interface WorkerPoolOptions {
  /** Idle workers kept beyond this are terminated on release. */
  maxIdle?: number;
  /** A worker that has not reported `idle` by then is terminated and the acquire fails. */
  spawnTimeoutMs?: number;
}

export interface WorkerPoolStats {
  /** Threads that exist now (idle or busy): 'exit' has not been seen for them. */
  live: number;
  idle: number;
  /** Threads started over the pool's life. */
  spawned: number;
}

export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly live = new Set<PooledWorker>();
  private spawned = 0;
  private closed = false;
  private readonly maxIdle: number;
  private readonly spawnTimeoutMs: number;

  constructor(
    private readonly code: () => Promise<WorkerCode>,
    options: WorkerPoolOptions = {},
  ) {
    this.maxIdle = options.maxIdle ?? 128;
    this.spawnTimeoutMs = options.spawnTimeoutMs ?? 60_000;
  }

  stats(): WorkerPoolStats {
    return { live: this.live.size, idle: this.idle.length, spawned: this.spawned };
  }

  /** `count` idle workers, reusing pooled ones first. All or nothing. */
  async acquire(count: number): Promise<PooledWorker[]> {
    if (this.closed) throw new Error('the worker pool is closed');
    // A worker that reported an error is on its way out even if 'exit' has not arrived yet.
    for (const w of this.idle.filter((w) => w.lastError !== undefined)) void this.discard(w);
    const reused = this.idle.splice(0, Math.min(count, this.idle.length));
    const { source } = await this.code();
    const started = await Promise.allSettled(Array.from({ length: count - reused.length }, () => this.spawn(source)));
    const fresh = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure !== undefined || this.closed) {
      reused.forEach((w) => this.release(w));
      await Promise.all(fresh.map((w) => this.discard(w)));
      throw failure === undefined ? new Error('the worker pool was closed while starting workers') : failure.reason;
    }
    const workers = [...reused, ...fresh];
    for (const w of workers) w.worker.ref();
    return workers;
  }

  /** Returns a worker whose run ended cleanly (it is waiting for its next `run`). */
  release(w: PooledWorker): void {
    if (w.exited) return;
    if (this.closed || w.lastError !== undefined || this.idle.length >= this.maxIdle) {
      void this.discard(w);
      return;
    }
    w.worker.removeAllListeners('message');
    // Idle workers must not keep the process alive; close() still ends them.
    w.worker.unref();
    this.idle.push(w);
  }

  /** Terminates a worker and resolves once its thread is gone. */
  async discard(w: PooledWorker): Promise<void> {
    const at = this.idle.indexOf(w);
    if (at >= 0) this.idle.splice(at, 1);
    if (!w.exited) await w.worker.terminate().catch(() => undefined);
    await w.exit;
  }

  /** Terminates every worker and waits for all of them to exit. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    await Promise.all([...this.live].map((w) => this.discard(w)));
  }

  private spawn(source: string): Promise<PooledWorker> {
    const worker = new Worker(source, { eval: true });
    this.spawned++;
    let markExited: (code: number) => void = () => undefined;
    const pooled: PooledWorker = {
      worker,
      id: this.spawned,
      exited: false,
      exit: new Promise<number>((resolve) => (markExited = resolve)),
    };
    this.live.add(pooled);
    // A permanent listener: an 'error' event without one would throw in the main thread.
    worker.on('error', (error) => (pooled.lastError = error));
    worker.once('exit', (code) => {
      pooled.exited = true;
      pooled.exitCode = code;
      this.live.delete(pooled);
      const at = this.idle.indexOf(pooled);
      if (at >= 0) this.idle.splice(at, 1);
      markExited(code);
    });
    return new Promise<PooledWorker>((resolve, reject) => {
      const fail = (reason: string) => {
        cleanup();
        void this.discard(pooled);
        reject(new Error(`an actor worker failed to start: ${reason}`));
      };
      const onMessage = (message: WorkerToMain) => {
        if (message.type !== 'idle') return;
        cleanup();
        resolve(pooled);
      };
      const onError = (error: Error) => fail(`${error.name}: ${error.message}`);
      const onExit = (code: number) => fail(`it exited with code ${code}`);
      const timer = setTimeout(() => fail(`it did not report ready within ${this.spawnTimeoutMs} ms`), this.spawnTimeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }
}
