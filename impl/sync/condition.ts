/**
 * `threading.Condition` over shared memory, built on a shared `Lock` or `RLock` (a new RLock by
 * default, as in CPython) and a shared FIFO of waiter slots (waiter-queue.ts).
 *
 * Semantics follow CPython 3.11: waiting or notifying without owning the lock raises
 * RuntimeError; for a plain Lock "owning" means "held by some thread" (CPython probes it with a
 * non-blocking acquire), for an RLock it means "held by this thread". `wait` releases every
 * recursion level of an RLock and restores them. `notify(n)` wakes the n longest waiters, and a
 * waiter returns true only if a notify chose it, so at most n waits return true per notify(n).
 * One deliberate difference: a waiter whose timeout expires just as it is notified (before it
 * got the lock back) returns true, where CPython returns False and the notification is lost;
 * no observer can order those two events, and no notification is wasted this way.
 * Timeouts are in seconds; `null` is Python's None; a timeout <= 0 (or NaN) does not block but
 * still releases and re-acquires the lock, as in CPython.
 */
import { RuntimeError } from '../errors';
import { Deadline, checkTimedWait } from '../shared/timeout';
import { Lock, type LockHandle } from './lock';
import { RLock, type RLockHandle } from './rlock';
import { WaiterQueue } from './waiter-queue';

export interface ConditionHandle {
  readonly kind: 'condition';
  /** The underlying lock's handle, so every thread shares the same lock. */
  readonly lock: LockHandle | RLockHandle;
  readonly waiters: SharedArrayBuffer;
}

export interface ConditionOptions {
  /** How many threads may wait at once (default 1024); one more raises CapacityError. */
  maxWaiters?: number;
  /** Rebuild an existing condition's waiter table (used by `attach`). */
  waiters?: SharedArrayBuffer;
}

export class Condition {
  readonly handle: ConditionHandle;
  readonly lock: Lock | RLock;
  private readonly waiters: WaiterQueue;

  constructor(lock: Lock | RLock = new RLock(), options: ConditionOptions = {}) {
    this.lock = lock;
    this.waiters = new WaiterQueue(options.waiters ?? WaiterQueue.allocate(options.maxWaiters));
    this.handle = { kind: 'condition', lock: lock.handle, waiters: this.waiters.buffer };
  }

  static fromHandle(handle: ConditionHandle): Condition {
    const lock = handle.lock.kind === 'rlock' ? new RLock(handle.lock) : new Lock(handle.lock);
    return new Condition(lock, { waiters: handle.waiters });
  }

  acquire(blocking = true, timeout = -1): boolean {
    return this.lock.acquire(blocking, timeout);
  }

  release(): void {
    this.lock.release();
  }

  /** `wait(timeout=None)`: true if notified, false if the timeout expired. */
  wait(timeout: number | null = null): boolean {
    if (!this.lock.isOwned()) throw new RuntimeError('cannot wait on un-acquired lock');
    const blocks = timeout === null || timeout > 0;
    if (timeout !== null && blocks) checkTimedWait(timeout);
    const slot = this.waiters.enqueue();
    const restore = this.releaseFully();
    let notified = false;
    try {
      if (blocks) this.waiters.sleep(slot, Deadline.after(timeout));
    } finally {
      restore();
      notified = this.waiters.leave(slot);
    }
    return notified;
  }

  /**
   * `wait_for(predicate, timeout=None)`: waits until `predicate()` is truthy and returns its last
   * value (falsy on timeout). Lock must be held.
   */
  wait_for<T>(predicate: () => T, timeout: number | null = null): T {
    const deadline = timeout === null || Number.isNaN(timeout) ? null : Deadline.after(timeout);
    let waitTime = deadline === null ? null : (timeout as number);
    let first = true;
    let result = predicate();
    while (!result) {
      if (deadline !== null && !first) {
        waitTime = deadline.remainingSeconds();
        if (waitTime <= 0) break;
      }
      first = false;
      this.wait(waitTime);
      result = predicate();
    }
    return result;
  }

  /** Wakes at most `n` waiters, longest-waiting first. Lock must be held. */
  notify(n = 1): void {
    if (!this.lock.isOwned()) throw new RuntimeError('cannot notify on un-acquired lock');
    this.waiters.notify(n);
  }

  /**
   * notify(n) for a caller that holds the lock by construction (the queue's methods run inside
   * its mutex): skips the ownership probe, a failed compare-and-swap per call, and the waiter
   * table when nobody waits.
   */
  notifyHeld(n = 1): void {
    if (this.waiters.size > 0) this.waiters.notify(n);
  }

  notify_all(): void {
    if (!this.lock.isOwned()) throw new RuntimeError('cannot notify on un-acquired lock');
    this.waiters.notify(this.waiters.size);
  }

  /** Releases the lock completely (every RLock level) and returns how to take it back. */
  private releaseFully(): () => void {
    const lock = this.lock;
    if (lock instanceof RLock) {
      const saved = lock.releaseSave();
      return () => lock.acquireRestore(saved);
    }
    lock.releaseSave();
    return () => lock.acquireRestore(null);
  }
}
