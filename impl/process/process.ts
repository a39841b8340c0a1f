import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleOf } from './bundle';
import { installExitHook } from './children';
import { AssertionError, OSError } from './errors';
import { whileWaiting } from './keep-alive';
import { hasExited, zombieExitCode } from './linux-proc';
import { runtime, slot } from './runtime';
import { processSourceDir } from './source-location';
import { exportRefOf, type ExportRef } from './target-ref';
import { encodeValue } from './transfer';
import type { ChildStartMessage } from './child-protocol';

/**
 * multiprocessing.Process: a real child process. Functions cannot cross process boundaries, so a
 * target is named by reference (target-ref.ts: it must be exported by a module) and the child
 * loads that module, which is CPython's spawn start method: the child gets copies of the
 * arguments and of the object's own fields (a subclass's state), and nothing else of the
 * parent's memory.
 *
 * Life-cycle as in CPython: start() asks the OS for the process and returns at once;
 * join(timeout) waits (a promise); terminate() sends SIGTERM and returns before the child is
 * gone; exitcode is None (null) while it runs, the exit status after, minus the signal number
 * if a signal ended it. Names follow CPython (`Process-1`, a subclass's `MyProcess-2`, a
 * grandchild's `Process-1:1`). A daemonic child is terminated when its parent finishes
 * (runMain, or the end of the parent's own run()), and cannot have children of its own.
 */

export interface ProcessOptions {
  /** Must be None (null/undefined), as in CPython. */
  group?: null;
  /** An exported function, called with `args` in the child. */
  target?: (...args: never[]) => unknown;
  name?: string;
  /** Any iterable, spread as CPython's tuple(args) does (a string becomes its characters). */
  args?: Iterable<unknown>;
  daemon?: boolean;
}

interface Internals {
  name: string;
  daemon: boolean;
  identity: number[];
  target: ((...args: unknown[]) => unknown) | undefined;
  args: unknown[];
  started: boolean;
  /** This object stands for the process we are running in. */
  current: boolean;
  child?: ChildProcess;
  pid?: number;
  exitcode: number | null;
  exited?: Promise<void>;
}

/** Marks the Process class of any copy of this module (a child may hold two). */
const PROCESS_BRAND = Symbol.for('conform.impl.process.Process');

function internalsMap(): WeakMap<object, Internals> {
  return slot('process-internals', () => new WeakMap<object, Internals>());
}

function internalsOf(p: object): Internals {
  const found = internalsMap().get(p);
  if (found === undefined) throw new AssertionError('Process.__init__ was never called on this object');
  return found;
}

function childMainModule(): string {
  const dir = processSourceDir();
  const ts = path.join(dir, 'child-main.ts');
  return fs.existsSync(ts) ? ts : path.join(dir, 'child-main.js');
}

export class Process {
  static readonly [PROCESS_BRAND] = true;

  constructor(options: ProcessOptions = {}) {
    if (options.group !== undefined && options.group !== null) throw new AssertionError('group argument must be None for now');
    const rt = runtime();
    const identity = [...rt.current.identity, rt.nextChildNumber++];
    internalsMap().set(this, {
      name: options.name ?? `${new.target.name}-${identity.join(':')}`,
      daemon: options.daemon ?? rt.current.daemon,
      identity,
      target: options.target as Internals['target'],
      args: options.args === undefined ? [] : Array.from(options.args),
      started: false,
      current: false,
      exitcode: null,
    });
  }

  /** What the child runs; override it in a subclass. The default calls the target with the args. */
  run(): unknown {
    const s = internalsOf(this);
    return s.target === undefined ? undefined : s.target(...s.args);
  }

  start(): void {
    const s = internalsOf(this);
    if (s.current) throw new AssertionError('cannot start a process twice');
    if (s.started) throw new AssertionError('cannot start a process twice');
    if (runtime().current.daemon) throw new AssertionError('daemonic processes are not allowed to have children');
    const message = this.startMessage(s);
    const child = fork(bundleOf(childMainModule()), [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    if (child.pid === undefined) throw new OSError('the operating system refused to start a process');
    s.child = child;
    s.pid = child.pid;
    s.started = true;
    s.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        s.exitcode = code ?? -(os.constants.signals[signal as NodeJS.Signals] ?? 0);
        runtime().children.delete(record);
        resolve();
      });
    });
    child.on('error', () => undefined);
    child.send(message);
    // The channel was only needed for the start message; the child handle keeps this process
    // alive while a non-daemonic child runs, and a daemonic child does not keep it alive at all.
    child.channel?.unref();
    if (s.daemon) child.unref();
    const pid = child.pid;
    const record = {
      pid,
      daemon: s.daemon,
      exited: () => s.exitcode !== null || hasExited(pid) === true,
      terminate: () => this.terminate(),
      wait: () => s.exited as Promise<void>,
    };
    runtime().children.add(record);
    installExitHook();
  }

  /** Waits until the child ends, or `timeout` seconds pass (then it may still be running). */
  async join(timeout: number | null = null): Promise<void> {
    const s = internalsOf(this);
    if (s.current) throw new AssertionError('can only join a child process');
    if (!s.started || s.exited === undefined) throw new AssertionError('can only join a started process');
    // A joining process is a blocked one: it stays alive even if only a daemonic child is left.
    if (timeout === null) {
      await whileWaiting(s.exited);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await whileWaiting(Promise.race([s.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, timeout) * 1000)))]));
    clearTimeout(timer);
  }

  is_alive(): boolean {
    const s = internalsOf(this);
    if (s.current) return true;
    if (!s.started || s.exitcode !== null || s.pid === undefined) return false;
    // Node learns of the exit a little later than the kernel; CPython asks the kernel (waitpid).
    return hasExited(s.pid) !== true;
  }

  /** Sends SIGTERM and returns at once; the child is gone only after join(). */
  terminate(): void {
    this.signal('SIGTERM');
  }

  kill(): void {
    this.signal('SIGKILL');
  }

  get exitcode(): number | null {
    const s = internalsOf(this);
    if (s.exitcode !== null || !s.started || s.pid === undefined) return s.exitcode;
    return zombieExitCode(s.pid) ?? null;
  }

  get pid(): number | null {
    const s = internalsOf(this);
    return s.current ? process.pid : (s.pid ?? null);
  }

  get ident(): number | null {
    return this.pid;
  }

  get name(): string {
    return internalsOf(this).name;
  }

  set name(value: string) {
    if (typeof value !== 'string') throw new AssertionError('name must be a string');
    internalsOf(this).name = value;
  }

  get daemon(): boolean {
    return internalsOf(this).daemon;
  }

  set daemon(value: boolean) {
    const s = internalsOf(this);
    if (s.started || s.current) throw new AssertionError('process has already started');
    s.daemon = value;
  }

  private signal(name: NodeJS.Signals): void {
    const s = internalsOf(this);
    if (s.child === undefined || s.exitcode !== null) return;
    try {
      s.child.kill(name);
    } catch {
      // already gone
    }
  }

  private startMessage(s: Internals): ChildStartMessage {
    const Class = this.constructor as { [PROCESS_BRAND]?: boolean };
    const isBase = Object.prototype.hasOwnProperty.call(Class, PROCESS_BRAND);
    const classRef: ExportRef | undefined = isBase ? undefined : exportRefOf(Class, 'process class');
    const targetRef: ExportRef | undefined = s.target === undefined ? undefined : exportRefOf(s.target, 'target');
    const modules = [...new Set([classRef?.module, targetRef?.module].filter((m): m is string => m !== undefined))];
    const fields = Object.fromEntries(Object.entries(this));
    return {
      type: 'start',
      sourceDir: processSourceDir(),
      name: s.name,
      identity: s.identity,
      daemon: s.daemon,
      parentPid: process.pid,
      argv: process.argv.slice(1),
      modules: modules.map((module) => ({ module, bundle: bundleOf(module) })),
      ...(classRef === undefined ? {} : { classRef }),
      ...(targetRef === undefined ? {} : { targetRef }),
      state: encodeValue({ fields, args: s.args }),
    };
  }
}

/**
 * In a child: makes `self` (rebuilt from the parent's object, or a fresh Process) the object
 * that stands for this process, as multiprocessing's current_process() is.
 */
export function adoptCurrentProcess(self: object, info: { name: string; daemon: boolean; identity: number[]; target?: Internals['target']; args: unknown[] }): void {
  internalsMap().set(self, { ...info, target: info.target, started: true, current: true, exitcode: null, pid: process.pid });
  runtime().current.self = self;
}

/** multiprocessing.current_process(). */
export function current_process(): Process {
  const rt = runtime();
  if (rt.current.self === undefined) {
    const main = Object.create(Process.prototype) as Process;
    adoptCurrentProcess(main, { name: rt.current.name, daemon: rt.current.daemon, identity: rt.current.identity, args: [] });
  }
  return rt.current.self as Process;
}

/** multiprocessing.active_children(): the children of this process that are still running. */
export function active_children(): number[] {
  return [...runtime().children].filter((c) => !c.exited()).map((c) => c.pid);
}

/**
 * multiprocessing.get_start_method() and get_all_start_methods(): every child here is a fresh
 * Node process that loads its target's module anew (see Process), which is CPython's spawn.
 */
export function get_start_method(): string {
  return 'spawn';
}

export function get_all_start_methods(): string[] {
  return ['spawn'];
}

/** multiprocessing.cpu_count(). */
export function cpu_count(): number {
  return os.availableParallelism();
}
