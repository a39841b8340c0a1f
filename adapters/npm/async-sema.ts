import { Sema } from 'async-sema';
import type { Capability } from '../../harness/capability';
import type { Json, ObjectDecl } from '../../harness/scenario/model';
import type { PrimitiveOp, TimeScale } from '../../harness/adapters/reference/object-binding';
import { notSupported } from '../../harness/adapters/tasks/not-supported';
import type { TaskBinding } from '../../harness/adapters/tasks/task-binding';
import { waitBudget } from '../../harness/adapters/tasks/wait-budget';
import { packageVersion } from './package-version';

/**
 * The npm library async-sema (https://github.com/vercel/async-sema) for tasks on one event loop.
 * A `Sema(n)` is the scenario's `semaphore`: `acquire()` waits, `tryAcquire()` does not,
 * `release()` adds a permit. It has no way to withdraw a waiting acquire, so an acquire with a
 * timeout cannot be expressed and raises NotSupported (racing a timer would leave a waiter behind
 * that swallows a later release).
 *
 * A Sema given an `initFn` hands out tokens: `release(token)` returns one to the pool and
 * `acquire()` takes one, waiting while the pool is empty. Its free tokens are kept on a stack, so
 * a `Sema(0, { initFn })` holding items as tokens is an unbounded LIFO queue: put is
 * `release(item)`, get is `acquire()`, get_nowait is `tryAcquire()`. The pool's size is not
 * public, so qsize/empty raise NotSupported, and there is no bound, no timed get, no task_done.
 */

const LIBRARY = 'async-sema';

/** What a token pool holds; `undefined` is how tryAcquire says "none", so it is never an item. */
type Token = Json;

function semaphoreOp(sema: Sema, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
  switch (op.op) {
    case 'acquire': {
      const budget = waitBudget(op, time);
      if (budget.kind === 'try') return sema.tryAcquire() !== undefined;
      if (budget.kind === 'for') throw notSupported(LIBRARY, 'an acquire with a timeout (a waiting acquire cannot be withdrawn)');
      return sema.acquire().then(() => true);
    }
    case 'release':
      for (let i = 0; i < (op.n ?? 1); i++) sema.release();
      return null;
    default:
      throw notSupported(LIBRARY, `${op.op} on a semaphore`);
  }
}

function tokenQueueOp(pool: Sema, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
  const takeNow = (): Json => {
    const token = pool.tryAcquire() as Token | undefined;
    if (token === undefined) throw Object.assign(new Error(''), { name: 'Empty' });
    return token;
  };
  switch (op.op) {
    case 'put':
    case 'put_nowait':
      // Unbounded: a put never waits, whatever its block/timeout say.
      pool.release(op.item);
      return null;
    case 'get': {
      const budget = waitBudget(op, time);
      if (budget.kind === 'try') return takeNow();
      if (budget.kind === 'for') throw notSupported(LIBRARY, 'a get with a timeout (a waiting acquire cannot be withdrawn)');
      return pool.acquire() as Promise<Token>;
    }
    case 'get_nowait':
      return takeNow();
    case 'full':
      return false;
    default:
      throw notSupported(LIBRARY, `${op.op} on a token pool (its size is not public)`);
  }
}

export const binding: TaskBinding = {
  name: LIBRARY,
  version: packageVersion(LIBRARY),
  objectTypes: new Set(['semaphore', 'queue'] as const),
  capabilities: new Set<Capability>(['semaphore', 'lifo-queue']),

  create(name: string, decl: ObjectDecl): unknown {
    if (decl.type === 'semaphore') return new Sema(decl.value ?? 1);
    if (decl.type === 'queue' && decl.order === 'lifo' && (decl.maxsize ?? 0) < 1 && decl.joinable !== true) {
      // initFn is never called for 0 tokens; passing one is what makes the Sema keep tokens.
      return new Sema(0, { initFn: () => null });
    }
    throw notSupported(LIBRARY, `${JSON.stringify(decl)} ("${name}"): only a semaphore and an unbounded LIFO token pool`);
  },

  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
    return decl.type === 'queue' ? tokenQueueOp(object as Sema, op, time) : semaphoreOp(object as Sema, op, time);
  },
};
