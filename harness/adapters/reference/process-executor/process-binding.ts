import type { Json, ObjectDecl } from '../../../scenario/model';
import type { PrimitiveOp, TimeScale } from '../object-binding';
import { BoundedSemaphore, Event, JoinableQueue, Lock, Queue, RLock, Semaphore, Value, type SharedObject } from '../../../../impl/process';

/**
 * The reference implementation's process-level objects (impl/process) driven by scenario ops,
 * with the multiprocessing call each op stands for: `acquire` is `obj.acquire(block, timeout)`
 * with multiprocessing's defaults (timeout None; a negative one only tries once), `release` of
 * a semaphore takes no count (TypeError, as SemLock.release() in CPython), a cell is a
 * Value(lock=False). Objects are created in the executor's process and attached by handle in
 * every actor's process.
 */

/** Why a declaration has no process-level counterpart here, or undefined when it has one. */
export function unsupportedDecl(decl: ObjectDecl): string | undefined {
  switch (decl.type) {
    case 'lock':
    case 'rlock':
    case 'semaphore':
    case 'bounded-semaphore':
    case 'event':
    case 'cell':
      return undefined;
    case 'queue':
      return decl.order === undefined || decl.order === 'fifo' ? undefined : `multiprocessing has no ${decl.order} queue`;
    default:
      return `the reference has no process-level ${decl.type}`;
  }
}

export function createProcessObject(decl: ObjectDecl): SharedObject {
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
    case 'queue':
      return decl.joinable === true ? new JoinableQueue(decl.maxsize ?? 0) : new Queue(decl.maxsize ?? 0);
    case 'cell':
      return new Value(decl.initial ?? 0);
    default:
      throw new TypeError(`no process-level ${decl.type}`);
  }
}

/** A timeout in units as seconds; absent or null is Python's None. */
function seconds(timeout: number | null | undefined, time: TimeScale): number | null {
  return timeout === undefined || timeout === null ? null : time.seconds(timeout);
}

type Acquirable = Lock | RLock | Semaphore;

function argumentCount(n: number): TypeError {
  return new TypeError(`SemLock.release() takes no arguments (${n} given)`);
}

/** Performs one op in an actor's process; errors keep their Python names. */
export async function invokeProcessOp(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Promise<Json> {
  switch (op.op) {
    case 'acquire':
      return (object as Acquirable).acquire(op.blocking ?? true, seconds(op.timeout, time));
    case 'release':
      if (op.n !== undefined) throw argumentCount(1);
      await (object as Acquirable).release();
      return null;
    case 'set':
      await (object as Event).set();
      return null;
    case 'clear':
      await (object as Event).clear();
      return null;
    case 'is_set':
      return (object as Event).is_set();
    case 'wait':
      return (object as Event).wait(seconds(op.timeout, time));
    case 'put':
      await (object as Queue<Json>).put(op.item, op.block ?? true, seconds(op.timeout, time));
      return null;
    case 'get':
      return (object as Queue<Json>).get(op.block ?? true, seconds(op.timeout, time));
    case 'put_nowait':
      await (object as Queue<Json>).put_nowait(op.item);
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
      await (object as JoinableQueue<Json>).task_done();
      return null;
    case 'join_queue':
      await (object as JoinableQueue<Json>).join();
      return null;
    default:
      throw new TypeError(`${decl.type} has no operation ${op.op} between processes`);
  }
}
