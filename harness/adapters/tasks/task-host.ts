import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Capability } from '../../capability';
import type { Implementation, RunOptions } from '../../implementation';
import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import type { TaskBinding } from './task-binding';
import type { HostToWorker, TaskHostWorkerData, WorkerToHost } from './task-host-protocol';

/**
 * A task-level implementation as the runner sees it: scenarios with task actors run by the task
 * executor on the event loop of one worker thread, kept between runs. The worker is what makes
 * deadlines hard: a task that never yields blocks its own event loop, so the executor's
 * deadline timer can never fire; the host then terminates the worker (and starts a fresh one
 * for the next scenario) and reports the run as crashed. It is also what lets an ESM-only
 * library load under any test runner: the worker is plain Node with tsx.
 */

export interface TaskHostOptions {
  /** Absolute path of a module exporting `binding: TaskBinding`. */
  bindingModule: string;
  /** How long past a scenario's deadline to wait for its result before terminating the worker. Default 5 s. */
  killGraceMs?: number;
  /** Bound on starting the worker and loading the library. Default 60 s. */
  loadTimeoutMs?: number;
}

const WORKER_MODULE = path.join(__dirname, 'task-host-worker.ts');

interface HostWorker {
  worker: Worker;
  ready: Promise<void>;
  exited: boolean;
  exit: Promise<number>;
  /** The last 'error' event (an uncaught exception or unhandled rejection in the worker). */
  lastError?: Error;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export class TaskHostImplementation implements Implementation {
  readonly name: string;
  readonly version: string;
  readonly runtime = `node ${process.version}`;
  readonly capabilities: ReadonlySet<Capability>;
  private readonly killGraceMs: number;
  private readonly loadTimeoutMs: number;
  private host: HostWorker | undefined;
  private runs = 0;
  private closed = false;
  /** Runs go one at a time through the one worker. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TaskHostOptions) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { binding } = require(options.bindingModule) as { binding?: TaskBinding };
    if (binding === undefined) throw new Error(`${options.bindingModule} does not export \`binding\``);
    this.name = binding.name;
    this.version = binding.version;
    this.capabilities = new Set<Capability>(['tasks', 'cell', ...binding.capabilities]);
    this.killGraceMs = options.killGraceMs ?? 5_000;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 60_000;
  }

  runScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    const run = this.tail.then(() => this.runOne(scenario, options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Whether a worker thread exists now (for tests that check nothing is left behind). */
  get workerAlive(): boolean {
    return this.host !== undefined && !this.host.exited;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.discard();
  }

  private async runOne(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
    const host = await this.ensureWorker();
    const id = ++this.runs;
    const deadlineMs = options.deadlineMs ?? scenario.deadlineMs;
    const crashed = (error: string): ScenarioResult => ({ status: 'crashed', history: [], final: { cells: {} }, durationMs: 0, unfinished: [], error });
    host.worker.ref();
    const cleanups: (() => void)[] = [];
    try {
      return await new Promise<ScenarioResult>((resolve, reject) => {
        // The first reason wins (terminating the worker makes it exit too); the thread is gone
        // before the run returns, so a killed run leaves nothing behind.
        let killed = false;
        const kill = (why: string) => {
          if (killed) return;
          killed = true;
          void this.discard().then(() => resolve(crashed(why)));
        };
        const onMessage = (message: WorkerToHost) => {
          if (message.type === 'result' && message.id === id) resolve(message.result);
          if (message.type === 'rejected' && message.id === id) {
            const error = new Error(message.message);
            error.name = message.name;
            reject(error);
          }
        };
        const onError = (error: Error) => kill(`the task host's worker failed: ${error.stack ?? describe(error)}`);
        const onExit = (code: number) => kill(`the task host's worker exited with code ${code}`);
        const onAbort = () => kill('the run was aborted');
        const timer = setTimeout(
          () => kill(`no result ${this.killGraceMs} ms after the deadline (${deadlineMs} ms): a task kept the event loop busy and never yielded, so the worker was terminated`),
          deadlineMs + this.killGraceMs,
        );
        host.worker.on('message', onMessage);
        host.worker.on('error', onError);
        host.worker.on('exit', onExit);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => {
          clearTimeout(timer);
          host.worker.off('message', onMessage);
          host.worker.off('error', onError);
          host.worker.off('exit', onExit);
          options.signal?.removeEventListener('abort', onAbort);
        });
        if (options.signal?.aborted) return onAbort();
        const request: HostToWorker = { type: 'run', id, scenario, ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }) };
        host.worker.postMessage(request);
      });
    } finally {
      cleanups.forEach((cleanup) => cleanup());
      // An idle worker must not keep the process alive; close() still ends it.
      if (!host.exited) host.worker.unref();
    }
  }

  private async ensureWorker(): Promise<HostWorker> {
    if (this.host !== undefined && !this.host.exited && this.host.lastError === undefined) {
      await this.host.ready;
      return this.host;
    }
    await this.discard();
    const host = this.spawn();
    this.host = host;
    try {
      await host.ready;
    } catch (e) {
      await this.discard();
      throw e;
    }
    return host;
  }

  private spawn(): HostWorker {
    const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(WORKER_MODULE)}).serveTaskHost();`;
    const workerData: TaskHostWorkerData = { bindingModule: this.options.bindingModule };
    const worker = new Worker(source, { eval: true, workerData });
    let markExited: (code: number) => void = () => undefined;
    const host: HostWorker = { worker, exited: false, exit: new Promise<number>((resolve) => (markExited = resolve)), ready: Promise.resolve() };
    // A permanent listener: an 'error' event without one would throw in this thread.
    worker.on('error', (error) => (host.lastError = error));
    worker.once('exit', (code) => {
      host.exited = true;
      markExited(code);
    });
    host.ready = new Promise<void>((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`${this.name}: the task host's worker did not start: ${why}`));
      };
      const onMessage = (message: WorkerToHost) => {
        if (message.type === 'ready') {
          cleanup();
          resolve();
        } else if (message.type === 'load-failed') fail(`loading the binding failed: ${message.error}`);
      };
      const onError = (error: Error) => fail(error.stack ?? describe(error));
      const onExit = (code: number) => fail(`it exited with code ${code}`);
      const timer = setTimeout(() => fail(`it was not ready within ${this.loadTimeoutMs} ms`), this.loadTimeoutMs);
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
    // Rejections are seen by whoever awaits `ready`; this one only keeps Node from calling it unhandled.
    host.ready.catch(() => undefined);
    return host;
  }

  /** Terminates the current worker, if any, and waits until its thread is gone. */
  private async discard(): Promise<void> {
    const host = this.host;
    this.host = undefined;
    if (host === undefined) return;
    if (!host.exited) await host.worker.terminate().catch(() => undefined);
    await host.exit;
  }
}
