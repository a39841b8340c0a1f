import { threadId } from 'node:worker_threads';

/**
 * The per-process state of the process-level API, kept on globalThis rather than in module
 * variables. A child process may load impl/process more than once (the child bootstrap and the
 * bundle of the module that defines its target each carry a copy); every copy must see the
 * same process name, the same children, the same object server and the same connections, or a
 * child would, for instance, not know that it is daemonic.
 */

export interface ChildRecord {
  readonly pid: number;
  readonly daemon: boolean;
  /** Whether the child has exited (as far as this process has seen). */
  exited(): boolean;
  /** Sends SIGTERM. */
  terminate(): void;
  /** Resolves once the child has exited. */
  wait(): Promise<void>;
}

export interface CurrentProcessInfo {
  name: string;
  /** CPython's `_identity`: () for the main process, (1,) for its first child, (1, 2) ... */
  identity: number[];
  daemon: boolean;
  /** pid of the process that started this one, or undefined for a main program. */
  parentPid: number | undefined;
  /** Object standing for this process inside itself (a Process object in a child), if any. */
  self: unknown;
}

export interface ProcessRuntime {
  current: CurrentProcessInfo;
  /** CPython's `_process_counter`: numbers the children this process creates, from 1. */
  nextChildNumber: number;
  /** Children started by this process that have not been seen to exit. */
  readonly children: Set<ChildRecord>;
  /** Modules whose exports may be named as process targets: original path -> exports. */
  readonly modules: Map<string, Record<string, unknown>>;
  /** Shared state of other copies: object server, connections (typed where they are used). */
  readonly slots: Map<string, unknown>;
}

const KEY = Symbol.for('conform.impl.process.runtime');

export function runtime(): ProcessRuntime {
  const holder = globalThis as unknown as Record<symbol, ProcessRuntime | undefined>;
  let state = holder[KEY];
  if (state === undefined) {
    state = {
      current: { name: 'MainProcess', identity: [], daemon: false, parentPid: undefined, self: undefined },
      nextChildNumber: 1,
      children: new Set(),
      modules: new Map(),
      slots: new Map(),
    };
    holder[KEY] = state;
  }
  return state;
}

/** A slot of the runtime, created on first use (e.g. the object server). */
export function slot<T>(name: string, create: () => T): T {
  const { slots } = runtime();
  if (!slots.has(name)) slots.set(name, create());
  return slots.get(name) as T;
}

/** Who is calling, for owner checks (RLock): unique across processes and their threads. */
export function callerId(): string {
  return `${process.pid}:${threadId}`;
}
