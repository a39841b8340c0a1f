import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

import * as path from 'node:path';
import { bundleOf } from './bundle';
import { installExitHook } from './children';
import { WorkerLostError } from './errors';
import { reviveError } from './error-names';
import { hasExited } from './linux-proc';
import type { FromWorker, ToWorker } from './pool-protocol';
import { runtime } from './runtime';
import { processSourceDir } from './source-location';
import { exportRefOf } from './target-ref';
import { decodeValue, encodeValue } from './transfer';

/**
 * One worker process of a pool, seen from the pool: it runs one task at a time and tells how
 * each ended. While it runs a task it keeps its parent alive (the pool's user is waiting for
 * that result); idle, it does not, and like every daemonic child it is terminated when its
 * parent finishes. If it dies in the middle of a task, that task fails with WorkerLostError.
 */

export type TaskOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

function workerMainModule(): string {
  const ts = path.join(processSourceDir(), 'pool-worker-main.ts');
  return fs.existsSync(ts) ? ts : path.join(processSourceDir(), 'pool-worker-main.js');
}

/** What a task sends to a worker: its function by reference and its arguments as a copy. */
export interface PreparedTask {
  fn: ReturnType<typeof exportRefOf>;
  bundle: string;
  args: Uint8Array;
}

/** Encodes a call for a worker; throws PicklingError (before anything is queued) if it cannot cross. */
export function prepareTask(fn: (...args: never[]) => unknown, args: readonly unknown[]): PreparedTask {
  const ref = exportRefOf(fn, 'task function');
  return { fn: ref, bundle: bundleOf(ref.module), args: encodeValue([...args]) };
}

export class WorkerProcess {
  readonly pid: number;
  private readonly child: ChildProcess;
  private current: { id: number; settle(outcome: TaskOutcome): void } | undefined;
  private nextId = 1;
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Resolves once the worker process has exited. */
  readonly exited: Promise<void>;

  readonly name: string;

  constructor(
    /** The name before its number: CPython's SpawnPoolWorker, SpawnProcess. */
    prefix: string,
    /** Pool workers are daemonic; executor workers are not (CPython 3.9+). */
    private readonly daemon = true,
  ) {
    const rt = runtime();
    const identity = [...rt.current.identity, rt.nextChildNumber++];
    this.name = `${prefix}-${identity.join(':')}`;
    this.child = fork(bundleOf(workerMainModule()), [], { execArgv: [], serialization: 'advanced', stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    if (this.child.pid === undefined) throw new WorkerLostError('the operating system refused to start a pool worker');
    this.pid = this.child.pid;
    this.child.on('error', () => undefined);
    this.child.on('message', (message: FromWorker) => this.onMessage(message));
    this.exited = new Promise<void>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        runtime().children.delete(record);
        const lost = this.current;
        this.current = undefined;
        lost?.settle({ ok: false, error: new WorkerLostError(`the pool worker ${this.name} (pid ${this.pid}) died while running this task (${signal === null ? `exit code ${code}` : `signal ${signal}`})`) });
        resolve();
      });
    });
    this.send({ type: 'hello', sourceDir: processSourceDir(), name: this.name, identity, parentPid: process.pid, argv: process.argv.slice(1), daemon: this.daemon });
    this.idle();
    const record = {
      pid: this.pid,
      // For how this process ends, every pool worker is let go like a daemonic child: an idle
      // worker never exits by itself, and an executor's were already shut down (at-exit.ts).
      daemon: true,
      exited: () => this.exitStatus !== undefined || hasExited(this.pid) === true,
      terminate: () => this.kill('SIGTERM'),
      wait: () => this.exited,
    };
    runtime().children.add(record);
    installExitHook();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get alive(): boolean {
    return this.exitStatus === undefined;
  }

  /** Runs one task; the worker must be idle. */
  run(task: PreparedTask): Promise<TaskOutcome> {
    if (this.current !== undefined) throw new Error(`pool worker ${this.name} is busy`);
    if (!this.alive) return Promise.resolve({ ok: false, error: new WorkerLostError(`the pool worker ${this.name} has exited`) });
    const id = this.nextId++;
    return new Promise<TaskOutcome>((resolve) => {
      this.current = { id, settle: resolve };
      this.child.ref();
      this.child.channel?.ref();
      this.send({ type: 'task', id, fn: task.fn, bundle: task.bundle, args: task.args });
    });
  }

  /** Asks the worker to exit once idle (after the pool is closed). */
  stop(): void {
    // Whoever joins the pool waits for this exit: the process must stay alive to see it.
    this.child.ref();
    this.send({ type: 'stop' });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.alive) this.child.kill(signal);
  }

  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  private send(message: ToWorker): void {
    if (!this.child.connected) return;
    try {
      this.child.send(message);
    } catch {
      // the worker is gone; its exit settles what it was doing
    }
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'ready') return;
    const current = this.current;
    if (current === undefined || current.id !== message.id) return;
    this.current = undefined;
    this.idle();
    if (message.type === 'result') current.settle({ ok: true, value: decodeValue(message.value) });
    else current.settle({ ok: false, error: reviveError(message.error) });
  }
}

