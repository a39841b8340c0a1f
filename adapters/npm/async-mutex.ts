import { E_ALREADY_LOCKED, E_TIMEOUT, Mutex, Semaphore, tryAcquire, withTimeout } from 'async-mutex';
import type { Capability } from '../../harness/capability';
import type { Json, ObjectDecl } from '../../harness/scenario/model';
import type { PrimitiveOp, TimeScale } from '../../harness/adapters/reference/object-binding';
import { notSupported } from '../../harness/adapters/tasks/not-supported';
import type { TaskBinding } from '../../harness/adapters/tasks/task-binding';
import { waitBudget } from '../../harness/adapters/tasks/wait-budget';
import { packageVersion } from './package-version';

/**
 * The npm library async-mutex (https://github.com/DirtyHairy/async-mutex) for tasks on one event
 * loop: its `Mutex` is the scenario's `lock`, its `Semaphore` the scenario's `semaphore`. Every
 * op is the library's own call:
 * - acquire: `acquire()`; non-blocking `tryAcquire(x).acquire()`; with a timeout
 *   `withTimeout(x, ms).acquire()`. Their rejections E_ALREADY_LOCKED and E_TIMEOUT are
 *   Python's False. (Both leave the waiting acquire queued inside the library; when its turn
 *   comes it takes the permit and gives it straight back.)
 * - release: `mutex.release()`, `semaphore.release(n)`.
 * It has no bounded semaphore, no RLock, no event, condition or queue: those claims do not apply.
 */

const LIBRARY = 'async-mutex';

type Lockable = Mutex | Semaphore;

async function acquire(object: Lockable, op: Extract<PrimitiveOp, { op: 'acquire' }>, time: TimeScale): Promise<boolean> {
  const budget = waitBudget(op, time, { minusOneIsForever: object instanceof Mutex });
  // The wrappers are overloaded per class, hence one branch per class.
  const wrap = (x: Lockable) => {
    if (budget.kind === 'forever') return x;
    if (x instanceof Mutex) return budget.kind === 'try' ? tryAcquire(x) : withTimeout(x, budget.ms);
    return budget.kind === 'try' ? tryAcquire(x) : withTimeout(x, budget.ms);
  };
  try {
    await wrap(object).acquire();
    return true;
  } catch (e) {
    if (e === E_ALREADY_LOCKED || e === E_TIMEOUT) return false;
    throw e;
  }
}

export const binding: TaskBinding = {
  name: LIBRARY,
  version: packageVersion(LIBRARY),
  objectTypes: new Set(['lock', 'semaphore'] as const),
  capabilities: new Set<Capability>(['lock', 'semaphore']),

  create(name: string, decl: ObjectDecl): unknown {
    if (decl.type === 'lock') return new Mutex();
    if (decl.type === 'semaphore') return new Semaphore(decl.value ?? 1);
    throw notSupported(LIBRARY, `a ${decl.type} ("${name}")`);
  },

  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
    switch (op.op) {
      case 'acquire':
        return acquire(object as Lockable, op, time);
      case 'release':
        if (object instanceof Semaphore) object.release(op.n ?? 1);
        else (object as Mutex).release();
        return null;
      default:
        throw notSupported(LIBRARY, `${op.op} on a ${decl.type}`);
    }
  },
};
