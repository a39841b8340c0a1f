/**
 * `threading.Lock`: a futex-based mutex over a SharedArrayBuffer, so it really blocks across
 * worker threads (Atomics.wait/notify, no polling).
 *
 * Two words: the state (0 unlocked, 1 locked) and the number of threads asleep on it. Release
 * only issues a notify when someone sleeps, so uncontended use stays in user space, and unlike
 * Drepper's "mutex 3" (a third "contended" state that stays set after a wake-up) a lock whose
 * waiters have all left stops paying for notifies. A waiter spins briefly before sleeping.
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
const STATE = 0;
const SLEEPERS = 1;
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
    this.handle = handle ?? { kind: 'lock', buffer: new SharedArrayBuffer(8) };
    this.word = new Int32Array(this.handle.buffer, 0, 2);
  }

  /** `acquire(blocking=True, timeout=-1)`; returns whether the lock was acquired. */
  acquire(blocking = true, timeout = -1): boolean {
    const limit = lockAcquireTimeout(blocking, timeout);
    if (Atomics.compareExchange(this.word, STATE, UNLOCKED, LOCKED) === UNLOCKED) return true;
    if (limit === 0) return false;
    for (let spin = 0; spin < SPINS; spin++) {
      if (Atomics.load(this.word, STATE) === UNLOCKED && Atomics.compareExchange(this.word, STATE, UNLOCKED, LOCKED) === UNLOCKED) return true;
    }
    const deadline = Deadline.after(limit);
    // Counted before the last try, so a release after that try sees a sleeper and notifies.
    Atomics.add(this.word, SLEEPERS, 1);
    try {
      for (;;) {
        if (Atomics.compareExchange(this.word, STATE, UNLOCKED, LOCKED) === UNLOCKED) return true;
        if (!futexWait(this.word, STATE, LOCKED, deadline)) return false;
      }
    } finally {
      Atomics.sub(this.word, SLEEPERS, 1);
    }
  }

  /** Raises RuntimeError("release unlocked lock") when the lock is not held by anyone. */
  release(): void {
    const previous = Atomics.exchange(this.word, STATE, UNLOCKED);
    if (previous === UNLOCKED) throw new RuntimeError('release unlocked lock');
    if (Atomics.load(this.word, SLEEPERS) > 0) Atomics.notify(this.word, STATE, 1);
  }

  locked(): boolean {
    return Atomics.load(this.word, STATE) !== UNLOCKED;
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
