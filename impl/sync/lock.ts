/**
 * `threading.Lock`: a futex-based mutex over a SharedArrayBuffer, so it really blocks across
 * worker threads (Atomics.wait/notify, no polling).
 *
 * The state word is Drepper's "mutex 3": 0 unlocked, 1 locked, 2 locked and possibly contended.
 * Release only issues a notify when the word was 2, so uncontended use stays in user space.
 * As in Python, the lock has no owner: any thread may release it. Timeouts are in seconds
 * (see shared/timeout.ts); acquisition is not FIFO, exactly as CPython's lock is not.
 */
import { RuntimeError } from '../errors';
import { Deadline, futexWait, lockAcquireTimeout } from '../shared/timeout';

export interface LockHandle {
  readonly kind: 'lock';
  readonly buffer: SharedArrayBuffer;
}

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;
/**
 * Loads of the lock word before sleeping on it. Critical sections here are usually a few hundred
 * nanoseconds (a queue put or get), much shorter than a futex sleep and wake-up, so a waiter on
 * another core first watches the word for about a microsecond, as glibc's adaptive mutex does.
 */
const SPINS = 200;

export class Lock {
  readonly handle: LockHandle;
  private readonly word: Int32Array;

  /** A new lock; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(handle?: LockHandle) {
    this.handle = handle ?? { kind: 'lock', buffer: new SharedArrayBuffer(4) };
    this.word = new Int32Array(this.handle.buffer, 0, 1);
  }

  /** `acquire(blocking=True, timeout=-1)`; returns whether the lock was acquired. */
  acquire(blocking = true, timeout = -1): boolean {
    const limit = lockAcquireTimeout(blocking, timeout);
    let state = Atomics.compareExchange(this.word, 0, UNLOCKED, LOCKED);
    if (state === UNLOCKED) return true;
    if (limit === 0) return false;
    for (let spin = 0; spin < SPINS; spin++) {
      if (Atomics.load(this.word, 0) === UNLOCKED) {
        state = Atomics.compareExchange(this.word, 0, UNLOCKED, LOCKED);
        if (state === UNLOCKED) return true;
      }
    }
    const deadline = Deadline.after(limit);
    // Mark the lock contended before sleeping so the holder's release knows to wake someone.
    if (state !== CONTENDED) state = Atomics.exchange(this.word, 0, CONTENDED);
    while (state !== UNLOCKED) {
      if (!futexWait(this.word, 0, CONTENDED, deadline)) return false;
      state = Atomics.exchange(this.word, 0, CONTENDED);
    }
    return true;
  }

  /** Raises RuntimeError("release unlocked lock") when the lock is not held by anyone. */
  release(): void {
    const previous = Atomics.exchange(this.word, 0, UNLOCKED);
    if (previous === UNLOCKED) throw new RuntimeError('release unlocked lock');
    if (previous === CONTENDED) Atomics.notify(this.word, 0, 1);
  }

  locked(): boolean {
    return Atomics.load(this.word, 0) !== UNLOCKED;
  }

  /**
   * Condition support, as CPython's `Condition._is_owned` for a plain Lock: a Lock has no owner,
   * so "owned" means "held by someone", probed with a non-blocking acquire.
   */
  isOwned(): boolean {
    if (this.acquire(false)) {
      this.release();
      return false;
    }
    return true;
  }

  /** Condition support: release fully before waiting; nothing to remember for a plain Lock. */
  releaseSave(): null {
    this.release();
    return null;
  }

  /** Condition support: take the lock back after waiting. */
  acquireRestore(_saved: null): void {
    this.acquire();
  }
}
