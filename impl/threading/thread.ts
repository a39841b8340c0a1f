import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, threadId, Worker } from 'node:worker_threads';
import { RuntimeError } from '../errors';
import { registerAtExit } from '../process/at-exit';
import { bundleOf } from '../process/bundle';
import { slot } from '../process/runtime';
import { processSourceDir } from '../process/source-location';
import { exportRefOf, type ExportRef } from '../process/target-ref';
import { encodeForThread } from '../process/transfer';
import { ThreadState, type ThreadStart } from './thread-protocol';

/**
 * threading.Thread on a worker thread. As with processes, a target is named by reference (it
 * must be exported by a module) and the thread loads that module; arguments are copied except
 * shared memory, which threads share: thread-level primitives (impl/sync, impl/queue) and
 * SharedArrayBuffers passed to a thread are the very same objects in it.
 *
 * Life-cycle as CPython 3.11: start() returns once the thread is running; join(timeout) blocks
 * the caller; is_alive() is True from start() until run() returns; a non-daemonic thread keeps
 * the program alive (runMain waits for it), a daemonic one is abandoned when the program ends;
 * setting daemon after start() raises RuntimeError. Like a CPython thread taking the GIL, a new
 * thread gets to run the synchronous start of its target (up to 5 ms) before start() returns. Names: 'Thread-N (target)' for a target,
 * 'Thread-N' for a subclass, 'MainThread' for the main thread.
 */

export interface ThreadOptions {
  target?: (...args: never[]) => unknown;
  name?: string;
  args?: Iterable<unknown>;
  daemon?: boolean;
}

interface Internals {
  name: string;
  daemon: boolean;
  target: ((...args: unknown[]) => unknown) | undefined;
  args: unknown[];
  control: Int32Array | undefined;
  worker?: Worker;
  /** This object stands for the thread we are running on. */
  current: boolean;
  ident: number | null;
}

const THREAD_BRAND = Symbol.for('conform.impl.threading.Thread');
const START_TIMEOUT_MS = 60_000;
/** sys.getswitchinterval() of CPython 3.11, in ms. */
const SWITCH_INTERVAL_MS = 5;

function internalsMap(): WeakMap<object, Internals> {
  return slot('thread-internals', () => new WeakMap<object, Internals>());
}

function internalsOf(t: object): Internals {
  const found = internalsMap().get(t);
  if (found === undefined) throw new RuntimeError('thread.__init__() not called');
  return found;
}

/** Threads this thread started, for enumerate()/active_count(). */
function started(): Set<Thread> {
  return slot('threads-started', () => new Set<Thread>());
}

function threadMainModule(): string {
  const dir = path.join(processSourceDir(), '..', 'threading');
  const ts = path.join(dir, 'thread-main.ts');
  return fs.existsSync(ts) ? ts : path.join(dir, 'thread-main.js');
}

function nextNumber(): number {
  const counter = slot('thread-counter', () => ({ next: 1 }));
  return counter.next++;
}

export class Thread {
  static readonly [THREAD_BRAND] = true;

  constructor(options: ThreadOptions = {}) {
    const n = nextNumber();
    const target = options.target as Internals['target'];
    const defaultName = target === undefined || target.name === '' ? `Thread-${n}` : `Thread-${n} (${target.name})`;
    internalsMap().set(this, {
      name: options.name ?? defaultName,
      daemon: options.daemon ?? current_thread().daemon,
      target,
      args: options.args === undefined ? [] : Array.from(options.args),
      control: undefined,
      current: false,
      ident: null,
    });
  }

  run(): unknown {
    const s = internalsOf(this);
    return s.target === undefined ? undefined : s.target(...s.args);
  }

  /** Starts the thread and returns once it is running (CPython waits for its `_started` event). */
  start(): void {
    const s = internalsOf(this);
    if (s.control !== undefined || s.current) throw new RuntimeError('threads can only be started once');
    const Class = this.constructor as { [THREAD_BRAND]?: boolean };
    const classRef: ExportRef | undefined = Object.prototype.hasOwnProperty.call(Class, THREAD_BRAND) ? undefined : exportRefOf(Class, 'thread class');
    const targetRef: ExportRef | undefined = s.target === undefined ? undefined : exportRefOf(s.target, 'target');
    const modules = [...new Set([classRef?.module, targetRef?.module].filter((m): m is string => m !== undefined))];
    const control = new SharedArrayBuffer(12);
    const start: ThreadStart = {
      control,
      name: s.name,
      daemon: s.daemon,
      sourceDir: processSourceDir(),
      modules: modules.map((module) => ({ module, bundle: bundleOf(module) })),
      ...(classRef === undefined ? {} : { classRef }),
      ...(targetRef === undefined ? {} : { targetRef }),
      state: encodeForThread({ fields: Object.fromEntries(Object.entries(this)), args: s.args }),
    };
    // The thread runs plain-JavaScript bundles: without `execArgv: []` it would inherit a tsx
    // loader from a main process started with tsx and register it again (hundreds of ms of CPU).
    const worker = new Worker(bundleOf(threadMainModule()), { workerData: start, name: s.name, execArgv: [] });
    worker.on('error', () => undefined);
    s.control = new Int32Array(control);
    s.worker = worker;
    if (s.daemon) worker.unref();
    started().add(this);
    if (!s.daemon) joinAtExit();
    const until = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(s.control, 0) === ThreadState.NEW) {
      if (Date.now() > until) throw new RuntimeError(`thread ${s.name} did not start within ${START_TIMEOUT_MS} ms`);
      Atomics.wait(s.control, 0, ThreadState.NEW, 100);
    }
    s.ident = Atomics.load(s.control, 1);
    // CPython's new thread holds the GIL until it blocks or its switch interval (5 ms) is up, so
    // it usually runs its first statements before start() returns; so does this one.
    Atomics.wait(s.control, 2, 0, SWITCH_INTERVAL_MS);
  }

  /** Blocks the calling thread until this one ends or `timeout` seconds pass. */
  join(timeout: number | null = null): void {
    const s = internalsOf(this);
    if (s.current) throw new RuntimeError('cannot join current thread');
    if (s.control === undefined) throw new RuntimeError('cannot join thread before it is started');
    const until = timeout === null ? Infinity : Date.now() + Math.max(0, timeout) * 1000;
    while (Atomics.load(s.control, 0) !== ThreadState.DONE) {
      const left = until - Date.now();
      if (left <= 0) return;
      Atomics.wait(s.control, 0, ThreadState.STARTED, left === Infinity ? undefined : left);
    }
  }

  is_alive(): boolean {
    const s = internalsOf(this);
    if (s.current) return true;
    return s.control !== undefined && Atomics.load(s.control, 0) === ThreadState.STARTED;
  }

  get name(): string {
    return internalsOf(this).name;
  }

  set name(value: string) {
    internalsOf(this).name = String(value);
  }

  get daemon(): boolean {
    return internalsOf(this).daemon;
  }

  set daemon(value: boolean) {
    const s = internalsOf(this);
    if (s.control !== undefined || s.current) throw new RuntimeError('cannot set daemon status of active thread');
    s.daemon = value;
  }

  get ident(): number | null {
    return internalsOf(this).ident;
  }

  get native_id(): number | null {
    return this.ident;
  }
}

/** In a thread's worker: `self` (rebuilt from the starting thread's object) is the current thread. */
export function adoptCurrentThread(self: object, info: { name: string; daemon: boolean; target: Internals['target']; args: unknown[] }): void {
  internalsMap().set(self, { ...info, control: undefined, current: true, ident: threadId });
  slot<{ thread: unknown }>('current-thread', () => ({ thread: undefined })).thread = self;
}

/** threading.current_thread(). */
export function current_thread(): Thread {
  const holder = slot<{ thread: unknown }>('current-thread', () => ({ thread: undefined }));
  if (holder.thread === undefined) {
    const main = Object.create(Thread.prototype) as Thread;
    adoptCurrentThread(main, { name: isMainThread ? 'MainThread' : `Worker-${threadId}`, daemon: false, target: undefined, args: [] });
  }
  return holder.thread as Thread;
}

/** threading.main_thread(), as seen from the main thread. */
export function main_thread(): Thread {
  if (!isMainThread) throw new RuntimeError('main_thread() is only known on the main thread here');
  return current_thread();
}

/** threading.enumerate(): this thread and the threads it started that are alive. */
export function enumerate(): Thread[] {
  return [current_thread(), ...[...started()].filter((t) => t.is_alive())];
}

/** threading.active_count() == len(enumerate()). */
export function active_count(): number {
  return enumerate().length;
}

/** threading.get_ident(). */
export function get_ident(): number {
  return threadId;
}

/** CPython's threading._shutdown: the program waits for its non-daemonic threads. */
function joinAtExit(): void {
  slot('thread-join-at-exit', () =>
    registerAtExit(async () => {
      for (const t of started()) if (!t.daemon) t.join();
    }),
  );
}
