import { BarrierState } from './states/barrier-state';
import { ConditionState } from './states/condition-state';
import { DictState } from './states/dict-state';
import { EventState } from './states/event-state';
import { ListState } from './states/list-state';
import { QueueState } from './states/queue-state';
import { RLockState } from './states/rlock-state';
import { SemaphoreState } from './states/semaphore-state';
import { ValueState } from './states/value-state';
import type { Queue } from './queue';
import { hostState, type SharedHandle } from './shared-object';
import type { SharedState } from './object-server';

/**
 * The manager's server process (multiprocessing.managers.SyncManager's server): it holds the
 * objects a manager creates and answers every proxy's calls about them. Its one object of its
 * own is the factory, which creates an object here on request and returns its handle.
 */

const SEM_VALUE_MAX = 2147483647;

/** What each factory method of the manager creates. */
export const MANAGED_KINDS = {
  list: (initial: unknown[] = []) => ({ kind: 'list-proxy', state: new ListState(initial) }),
  dict: () => ({ kind: 'dict-proxy', state: new DictState() }),
  Namespace: () => ({ kind: 'namespace-proxy', state: new DictState() }),
  Lock: () => ({ kind: 'lock', state: new SemaphoreState(1, 1) }),
  RLock: () => ({ kind: 'rlock', state: new RLockState() }),
  Semaphore: (value = 1) => ({ kind: 'semaphore', state: new SemaphoreState(value, SEM_VALUE_MAX) }),
  BoundedSemaphore: (value = 1) => ({ kind: 'bounded-semaphore', state: new SemaphoreState(value, value) }),
  Condition: () => ({ kind: 'condition-proxy', state: new ConditionState() }),
  Event: () => ({ kind: 'event', state: new EventState() }),
  Barrier: (parties: number) => ({ kind: 'barrier-proxy', state: new BarrierState(parties) }),
  Queue: (maxsize = 0) => ({ kind: 'queue', state: new QueueState(maxsize), options: { maxsize, joinable: false, proxy: true } }),
  JoinableQueue: (maxsize = 0) => ({ kind: 'joinable-queue', state: new QueueState(maxsize), options: { maxsize, joinable: true, proxy: true } }),
  Value: (_typecode: string, value: number) => ({ kind: 'value', state: new ValueState(value) }),
  Array: (_typecode: string, items: unknown[]) => ({ kind: 'array-proxy', state: new ListState(items) }),
} as const satisfies Record<string, (...args: never[]) => { kind: string; state: SharedState; options?: SharedHandle['options'] }>;

export type ManagedKind = keyof typeof MANAGED_KINDS;

class FactoryState {
  call(method: string, args: unknown[]): SharedHandle {
    if (method !== 'create') throw new TypeError(`the manager has no method ${method}`);
    const [what, ...rest] = args as [ManagedKind, ...never[]];
    const make = MANAGED_KINDS[what] as ((...a: never[]) => { kind: string; state: SharedState; options?: SharedHandle['options'] }) | undefined;
    if (make === undefined) throw new TypeError(`the manager cannot create ${String(what)}`);
    const { kind, state, options } = make(...rest);
    return hostState(kind, state, options);
  }
}

/** Target of the manager's process: serves until it is shut down (terminated). */
export async function serveManager(ready: Queue<SharedHandle>): Promise<void> {
  await ready.put(hostState('manager', new FactoryState()));
  // The object server does not keep a process alive by itself; a manager lives until shut down.
  await new Promise<never>(() => setInterval(() => undefined, 2 ** 30));
}
