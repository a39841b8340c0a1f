import type { Capability } from '../../capability';
import type { Json, ObjectDecl } from '../../scenario/model';
import { Empty, Full, RuntimeError } from '../../../impl/errors';
import { Barrier, BoundedSemaphore, Condition, Event, LifoQueue, Lock, PriorityQueue, Queue, Semaphore, TimeoutError, type WaitOptions } from '../../../impl/aio';
import type { PrimitiveOp, TimeScale } from '../reference/object-binding';
import type { TaskBinding } from './task-binding';
import { waitBudget, type WaitBudget } from './wait-budget';

/**
 * The reference implementation's asyncio flavour (impl/aio) driven by scenario ops, written the
 * way an asyncio program expresses each threading-style call:
 * - a wait with a timeout is `asyncio.wait_for(call, timeout)`: its TimeoutError becomes what
 *   threading returns or raises at a timeout (False from acquire and wait, Empty from get, Full
 *   from put); a barrier's TimeoutError is kept, since asyncio's barrier is not broken by it;
 * - a non-blocking acquire is `not x.locked() and await x.acquire()`; a non-blocking get/put is
 *   get_nowait/put_nowait; a zero timeout only tries, as in threading;
 * - `release(n)` on a semaphore is n releases (asyncio's release takes no count);
 * - `join_queue` is `await q.join()`: every asyncio queue is joinable. asyncio has no RLock.
 */

type LockLike = Lock | Condition | Semaphore;

const seconds = (budget: Extract<WaitBudget, { kind: 'for' }>) => budget.ms / 1000;

/** Runs a timed wait; a TimeoutError from it becomes what `onTimeout` says. */
async function waitAtMost<T>(budget: WaitBudget, call: (options?: WaitOptions) => Promise<T>, onTimeout: () => T): Promise<T> {
  if (budget.kind !== 'for') return call();
  try {
    return await call({ timeout: seconds(budget) });
  } catch (e) {
    if (e instanceof TimeoutError) return onTimeout();
    throw e;
  }
}

async function acquire(object: LockLike, budget: WaitBudget): Promise<boolean> {
  if (budget.kind === 'try') {
    if (object.locked()) return false;
    await object.acquire();
    return true;
  }
  return waitAtMost<boolean>(budget, (o) => object.acquire(o), () => false);
}

async function wait(object: Event | Condition | Barrier, budget: WaitBudget): Promise<Json> {
  if (object instanceof Barrier) return object.wait(budget.kind === 'for' ? { timeout: seconds(budget) } : budget.kind === 'try' ? { timeout: 0 } : undefined);
  if (budget.kind === 'try') {
    if (object instanceof Event) return object.is_set();
    if (!object.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    return false;
  }
  return waitAtMost<boolean>(budget, (o) => object.wait(o), () => false);
}

async function put(queue: Queue<Json>, item: Json, budget: WaitBudget): Promise<null> {
  if (budget.kind === 'try') {
    queue.put_nowait(item);
    return null;
  }
  await waitAtMost<void>(budget, (o) => queue.put(item, o), () => {
    throw new Full();
  });
  return null;
}

async function get(queue: Queue<Json>, budget: WaitBudget): Promise<Json> {
  if (budget.kind === 'try') return queue.get_nowait();
  return waitAtMost<Json>(budget, (o) => queue.get(o), () => {
    throw new Empty();
  });
}

function construct(name: string, decl: ObjectDecl, created: ReadonlyMap<string, unknown>): unknown {
  switch (decl.type) {
    case 'lock':
      return new Lock();
    case 'semaphore':
      return new Semaphore(decl.value ?? 1);
    case 'bounded-semaphore':
      return new BoundedSemaphore(decl.value ?? 1);
    case 'event':
      return new Event();
    case 'condition': {
      if (decl.lock === undefined) return new Condition();
      const lock = created.get(decl.lock);
      if (!(lock instanceof Lock)) throw new Error(`condition "${name}": "${decl.lock}" is not an asyncio Lock created before it`);
      return new Condition(lock);
    }
    case 'barrier':
      return new Barrier(decl.parties);
    case 'queue': {
      const maxsize = decl.maxsize ?? 0;
      if (decl.order === 'lifo') return new LifoQueue<Json>(maxsize);
      if (decl.order === 'priority') return new PriorityQueue<Json>(maxsize);
      return new Queue<Json>(maxsize);
    }
    case 'rlock':
      throw new Error(`rlock "${name}": asyncio has no RLock`);
    case 'cell':
      throw new Error(`cell "${name}" belongs to the executor, not to the binding`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../../../package.json') as { version: string }).version;

export const binding: TaskBinding = {
  name: 'reference-aio',
  version: VERSION,
  objectTypes: new Set(['lock', 'semaphore', 'bounded-semaphore', 'event', 'condition', 'barrier', 'queue'] as const),
  capabilities: new Set<Capability>(['lock', 'semaphore', 'bounded-semaphore', 'event', 'condition', 'barrier', 'queue', 'lifo-queue', 'priority-queue', 'joinable-queue']),

  create: construct,

  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
    switch (op.op) {
      case 'acquire': {
        const lockLike = decl.type === 'lock' || decl.type === 'condition';
        return acquire(object as LockLike, waitBudget(op, time, { minusOneIsForever: lockLike }));
      }
      case 'release': {
        const n = decl.type === 'semaphore' || decl.type === 'bounded-semaphore' ? (op.n ?? 1) : 1;
        for (let i = 0; i < n; i++) (object as LockLike).release();
        return null;
      }
      case 'set':
        (object as Event).set();
        return null;
      case 'clear':
        (object as Event).clear();
        return null;
      case 'is_set':
        return (object as Event).is_set();
      case 'wait':
        return wait(object as Event | Condition | Barrier, waitBudget(op, time));
      case 'notify':
        (object as Condition).notify(op.n ?? 1);
        return null;
      case 'notify_all':
        (object as Condition).notify_all();
        return null;
      case 'abort':
        return (object as Barrier).abort().then(() => null);
      case 'reset':
        return (object as Barrier).reset().then(() => null);
      case 'put':
        return put(object as Queue<Json>, op.item, waitBudget(op, time));
      case 'get':
        return get(object as Queue<Json>, waitBudget(op, time));
      case 'put_nowait':
        (object as Queue<Json>).put_nowait(op.item);
        return null;
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
        return null;
      case 'join_queue':
        return (object as Queue<Json>).join().then(() => null);
    }
  },
};
