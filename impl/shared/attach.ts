/**
 * Rebuilds a shared primitive from its `handle` in another worker thread. A handle is a plain,
 * structured-clonable object (SharedArrayBuffers plus a `kind` tag), so it can travel in
 * `workerData` or `postMessage`; every object attached from it operates on the same memory.
 */
import { Barrier, type BarrierHandle } from '../sync/barrier';
import { Condition, type ConditionHandle } from '../sync/condition';
import { Event, type EventHandle } from '../sync/event';
import { Lock, type LockHandle } from '../sync/lock';
import { RLock, type RLockHandle } from '../sync/rlock';
import { BoundedSemaphore, Semaphore, type SemaphoreHandle } from '../sync/semaphore';
import { JoinableQueue, LifoQueue, PriorityQueue, Queue, type QueueHandle } from '../queue/queue';

export type PrimitiveHandle =
  | LockHandle
  | RLockHandle
  | SemaphoreHandle
  | EventHandle
  | ConditionHandle
  | BarrierHandle
  | QueueHandle;

export type PrimitiveKind = PrimitiveHandle['kind'];

/** The class `attach` returns for each kind of handle. */
export interface PrimitiveOfKind {
  lock: Lock;
  rlock: RLock;
  semaphore: Semaphore;
  'bounded-semaphore': BoundedSemaphore;
  event: Event;
  condition: Condition;
  barrier: Barrier;
  queue: Queue;
  'lifo-queue': LifoQueue;
  'priority-queue': PriorityQueue;
  'joinable-queue': JoinableQueue;
}

export type SharedPrimitive = PrimitiveOfKind[PrimitiveKind];

export function attach<H extends PrimitiveHandle>(handle: H): PrimitiveOfKind[H['kind']];
export function attach(handle: PrimitiveHandle): SharedPrimitive {
  switch (handle.kind) {
    case 'lock':
      return new Lock(handle);
    case 'rlock':
      return new RLock(handle);
    case 'semaphore':
      return new Semaphore(0, handle);
    case 'bounded-semaphore':
      return new BoundedSemaphore(0, handle);
    case 'event':
      return new Event(handle);
    case 'condition':
      return Condition.fromHandle(handle);
    case 'barrier':
      return new Barrier(0, null, handle);
    case 'queue':
      return new Queue(0, {}, handle);
    case 'lifo-queue':
      return new LifoQueue(0, {}, handle);
    case 'priority-queue':
      return new PriorityQueue(0, {}, handle);
    case 'joinable-queue':
      return new JoinableQueue(0, {}, handle);
    default: {
      const unknown: never = handle;
      throw new TypeError(`attach: unknown handle kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}
