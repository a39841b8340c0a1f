import type { Capability } from '../../capability';
import type { Json, ObjectDecl } from '../../scenario/model';
import {
  attach,
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  JoinableQueue,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  RLock,
  Semaphore,
  type PrimitiveHandle,
} from '../../../impl';
import type { CreatedObject, ObjectBinding, PrimitiveOp, TimeScale } from './object-binding';
import { referenceNetwork } from './reference-network';

/**
 * The reference implementation's thread primitives (impl/), driven by scenario ops with the
 * Python call each op stands for: `acquire` is `obj.acquire(blocking, timeout)`, `join_queue`
 * is `q.join()`, and so on. Timeouts arrive in scenario units and leave in seconds; an absent
 * timeout is the method's own Python default (-1 for Lock/RLock acquire, None elsewhere).
 */

type LockLike = Lock | RLock | Condition;
type SemaphoreLike = Semaphore | BoundedSemaphore;

/** Python's None for methods that return nothing. */
const NONE = null;

export const binding: ObjectBinding = {
  objectTypes: new Set(['lock', 'rlock', 'semaphore', 'bounded-semaphore', 'event', 'condition', 'barrier', 'queue'] as const),
  capabilities: new Set<Capability>([
    'lock',
    'rlock',
    'semaphore',
    'bounded-semaphore',
    'event',
    'condition',
    'barrier',
    'queue',
    'lifo-queue',
    'priority-queue',
    'joinable-queue',
  ]),

  create(name: string, decl: ObjectDecl, created: ReadonlyMap<string, CreatedObject>): CreatedObject {
    const object = construct(name, decl, created);
    return { object, handle: object.handle };
  },

  attach(_decl: ObjectDecl, handle: unknown): unknown {
    return attach(handle as PrimitiveHandle);
  },

  network: referenceNetwork,

  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json {
    switch (op.op) {
      case 'acquire':
        return acquire(object, decl, op.blocking ?? true, op.timeout, time);
      case 'release':
        if (decl.type === 'semaphore' || decl.type === 'bounded-semaphore') (object as SemaphoreLike).release(op.n ?? 1);
        else (object as LockLike).release();
        return NONE;
      case 'set':
        (object as Event).set();
        return NONE;
      case 'clear':
        (object as Event).clear();
        return NONE;
      case 'is_set':
        return (object as Event).is_set();
      case 'wait':
        return (object as Event | Condition | Barrier).wait(seconds(op.timeout, time));
      case 'notify':
        (object as Condition).notify(op.n ?? 1);
        return NONE;
      case 'notify_all':
        (object as Condition).notify_all();
        return NONE;
      case 'abort':
        (object as Barrier).abort();
        return NONE;
      case 'reset':
        (object as Barrier).reset();
        return NONE;
      case 'put':
        (object as Queue<Json>).put(op.item, op.block ?? true, seconds(op.timeout, time));
        return NONE;
      case 'get':
        return (object as Queue<Json>).get(op.block ?? true, seconds(op.timeout, time));
      case 'put_nowait':
        (object as Queue<Json>).put_nowait(op.item);
        return NONE;
      case 'get_nowait':
        return (object as Queue<Json>).get_nowait();
      case 'qsize':
        return (object as Queue<Json>).qsize();
      case 'empty':
        return (object as Queue<Json>).empty();
      case 'full':
        return (object as Queue<Json>).full();
      case 'task_done':
        (object as Queue<Json>).task_done();
        return NONE;
      case 'join_queue':
        (object as Queue<Json>).join();
        return NONE;
    }
  },
};

/** A timeout in units as seconds; absent or null is Python's None. */
function seconds(timeout: number | null | undefined, time: TimeScale): number | null {
  return timeout === undefined || timeout === null ? null : time.seconds(timeout);
}

function acquire(object: unknown, decl: ObjectDecl, blocking: boolean, timeout: number | null | undefined, time: TimeScale): boolean {
  if (decl.type === 'semaphore' || decl.type === 'bounded-semaphore') {
    return (object as SemaphoreLike).acquire(blocking, seconds(timeout, time));
  }
  // Lock/RLock (and a Condition's lock) take -1 for "no timeout", as CPython's C lock does.
  return (object as LockLike).acquire(blocking, seconds(timeout, time) ?? -1);
}

function construct(name: string, decl: ObjectDecl, created: ReadonlyMap<string, CreatedObject>) {
  switch (decl.type) {
    case 'lock':
      return new Lock();
    case 'rlock':
      return new RLock();
    case 'semaphore':
      return new Semaphore(decl.value ?? 1);
    case 'bounded-semaphore':
      return new BoundedSemaphore(decl.value ?? 1);
    case 'event':
      return new Event();
    case 'condition': {
      if (decl.lock === undefined) return new Condition();
      const lock = created.get(decl.lock)?.object;
      if (!(lock instanceof Lock || lock instanceof RLock)) throw new Error(`condition "${name}": "${decl.lock}" is not a lock created before it`);
      return new Condition(lock);
    }
    case 'barrier':
      return new Barrier(decl.parties);
    case 'queue': {
      const maxsize = decl.maxsize ?? 0;
      if (decl.order === 'lifo') return new LifoQueue<Json>(maxsize);
      if (decl.order === 'priority') return new PriorityQueue<Json>(maxsize);
      return decl.joinable === true ? new JoinableQueue<Json>(maxsize) : new Queue<Json>(maxsize);
    }
    case 'cell':
      throw new Error(`cell "${name}" belongs to the executor, not to the binding`);
    case 'tcp-listener':
    case 'unix-listener':
    case 'udp-socket':
      throw new Error(`socket "${name}" belongs to the executor's socket layer, not to the binding`);
  }
}
