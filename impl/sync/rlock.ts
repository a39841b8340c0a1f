/**
 * `threading.RLock`: a re-entrant lock over shared memory. The inner mutex is a `Lock`; the owner
 * (`worker_threads.threadId`, the main thread being 0) and the recursion count live next to it
 * in a SharedArrayBuffer. Only the owner writes those two words while it holds the mutex, so
 * another thread can compare the owner with its own id without taking the mutex: it can never
 * see its own id there unless it put it there. Timeouts are in seconds, as in Python.
 */
import { RuntimeError } from '../errors';
import { currentThreadId } from '../shared/thread-identity';
import { lockAcquireTimeout } from '../shared/timeout';
import { Lock, type LockHandle } from './lock';

export interface RLockHandle {
  readonly kind: 'rlock';
  readonly mutex: LockHandle;
  /** Int32 words: [owner, count]. */
  readonly buffer: SharedArrayBuffer;
}

/** What `Condition.wait` keeps while it has released an RLock completely. */
export interface RLockSavedState {
  readonly count: number;
  readonly owner: number;
}

const OWNER = 0;
const COUNT = 1;
const NO_OWNER = -1;

export class RLock {
  readonly handle: RLockHandle;
  private readonly mutex: Lock;
  private readonly words: Int32Array;

  /** A new re-entrant lock; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(handle?: RLockHandle) {
    if (handle === undefined) {
      const mutex = new Lock();
      handle = { kind: 'rlock', mutex: mutex.handle, buffer: new SharedArrayBuffer(8) };
      new Int32Array(handle.buffer)[OWNER] = NO_OWNER;
    }
    this.handle = handle;
    this.mutex = new Lock(handle.mutex);
    this.words = new Int32Array(handle.buffer, 0, 2);
  }

  /** `acquire(blocking=True, timeout=-1)`; re-entrant for the owning thread. */
  acquire(blocking = true, timeout = -1): boolean {
    lockAcquireTimeout(blocking, timeout); // CPython validates even a re-entrant acquire
    const me = currentThreadId();
    if (Atomics.load(this.words, OWNER) === me) {
      Atomics.add(this.words, COUNT, 1);
      return true;
    }
    if (!this.mutex.acquire(blocking, timeout)) return false;
    Atomics.store(this.words, OWNER, me);
    Atomics.store(this.words, COUNT, 1);
    return true;
  }

  /** Raises RuntimeError("cannot release un-acquired lock") unless the caller owns the lock. */
  release(): void {
    if (Atomics.load(this.words, OWNER) !== currentThreadId()) {
      throw new RuntimeError('cannot release un-acquired lock');
    }
    if (Atomics.sub(this.words, COUNT, 1) === 1) {
      Atomics.store(this.words, OWNER, NO_OWNER);
      this.mutex.release();
    }
  }

  /** Not in Python's RLock API, but useful for state reports: whether anyone holds it. */
  locked(): boolean {
    return this.mutex.locked();
  }

  /** Condition support, CPython's `RLock._is_owned`. */
  isOwned(): boolean {
    return Atomics.load(this.words, OWNER) === currentThreadId();
  }

  /** Condition support: release every level of recursion, remembering them. */
  releaseSave(): RLockSavedState {
    const count = Atomics.load(this.words, COUNT);
    if (count === 0) throw new RuntimeError('cannot release un-acquired lock');
    const owner = Atomics.load(this.words, OWNER);
    Atomics.store(this.words, COUNT, 0);
    Atomics.store(this.words, OWNER, NO_OWNER);
    this.mutex.release();
    return { count, owner };
  }

  /** Condition support: take the lock back with the recursion level `releaseSave` removed. */
  acquireRestore(saved: RLockSavedState): void {
    this.mutex.acquire();
    Atomics.store(this.words, OWNER, saved.owner);
    Atomics.store(this.words, COUNT, saved.count);
  }
}
