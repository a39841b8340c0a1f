// Single-thread semantics of Semaphore, BoundedSemaphore, Event, Condition and Barrier.
// Expected outcomes are what CPython 3.11 prints for the same calls.
import { Barrier, BoundedSemaphore, BrokenBarrierError, Condition, Event, Lock, RLock, RuntimeError, Semaphore } from '../../impl';
import { errorOf } from './helpers/error-of';

describe('Semaphore', () => {
  test('counts units; a timeout <= 0 tries once; a free unit is taken whatever the timeout', () => {
    const sem = new Semaphore(0);
    expect(sem.acquire(false)).toBe(false);
    expect(sem.acquire(true, 0)).toBe(false);
    expect(sem.acquire(true, -1)).toBe(false);
    expect(sem.acquire(true, -5)).toBe(false);
    expect(sem.acquire(true, 0.02)).toBe(false);
    sem.release(3);
    expect(sem.value).toBe(3);
    expect(sem.acquire(false, null)).toBe(true); // acquire(False, None) -> True
    expect(sem.acquire(true, -5)).toBe(true);
    expect(sem.acquire()).toBe(true);
    expect(sem.acquire(false)).toBe(false);
    expect(new Semaphore().value).toBe(1);
  });

  test('argument errors match CPython', () => {
    expect(errorOf(() => new Semaphore(-1))).toEqual({ name: 'ValueError', message: 'semaphore initial value must be >= 0' });
    const sem = new Semaphore(1);
    expect(errorOf(() => sem.acquire(false, 1))).toEqual({
      name: 'ValueError',
      message: "can't specify timeout for non-blocking acquire",
    });
    expect(errorOf(() => sem.release(0))).toEqual({ name: 'ValueError', message: 'n must be one or more' });
    expect(errorOf(() => sem.release(-1))?.message).toBe('n must be one or more');
    expect(sem.value).toBe(1);
    // A timed wait that would be too long overflows, but only when the call must wait.
    expect(sem.acquire(true, Infinity)).toBe(true);
    expect(errorOf(() => sem.acquire(true, Infinity))?.name).toBe('OverflowError');
  });

  test('BoundedSemaphore refuses to pass its initial value, atomically', () => {
    const sem = new BoundedSemaphore(2);
    expect(errorOf(() => sem.release())).toEqual({ name: 'ValueError', message: 'Semaphore released too many times' });
    sem.acquire();
    expect(errorOf(() => sem.release(2))?.message).toBe('Semaphore released too many times');
    expect(sem.value).toBe(1); // the failed release(2) changed nothing
    sem.release(1);
    expect(sem.value).toBe(2);
    expect(errorOf(() => new BoundedSemaphore(0).release())?.message).toBe('Semaphore released too many times');
    expect(errorOf(() => new BoundedSemaphore(-1))?.message).toBe('semaphore initial value must be >= 0');
    expect(sem.handle.kind).toBe('bounded-semaphore');
    expect(new Semaphore().handle.kind).toBe('semaphore');
  });
});

describe('Event', () => {
  test('set, clear, is_set and wait', () => {
    const event = new Event();
    expect(event.is_set()).toBe(false);
    expect(event.wait(0)).toBe(false);
    expect(event.wait(-1)).toBe(false);
    expect(event.wait(0.02)).toBe(false);
    event.set();
    expect(event.is_set()).toBe(true);
    expect(event.wait()).toBe(true);
    expect(event.wait(0)).toBe(true);
    expect(event.wait(-1)).toBe(true);
    expect(event.wait(Infinity)).toBe(true); // set: no wait, so no overflow check
    event.clear();
    expect(event.is_set()).toBe(false);
    expect(errorOf(() => event.wait(Infinity))?.name).toBe('OverflowError');
  });
});

describe('Condition', () => {
  test('defaults to an RLock and delegates acquire/release', () => {
    const cond = new Condition();
    expect(cond.lock).toBeInstanceOf(RLock);
    expect(cond.acquire()).toBe(true);
    expect(cond.acquire()).toBe(true);
    cond.release();
    cond.release();
    expect(errorOf(() => cond.release())).toEqual({ name: 'RuntimeError', message: 'cannot release un-acquired lock' });
  });

  test('wait and notify need the lock', () => {
    for (const cond of [new Condition(), new Condition(new Lock())]) {
      expect(errorOf(() => cond.wait(0))).toEqual({ name: 'RuntimeError', message: 'cannot wait on un-acquired lock' });
      expect(errorOf(() => cond.notify())).toEqual({ name: 'RuntimeError', message: 'cannot notify on un-acquired lock' });
      expect(errorOf(() => cond.notify_all())?.message).toBe('cannot notify on un-acquired lock');
      expect(() => cond.wait()).toThrow(RuntimeError);
    }
    // A Lock-based condition has no owner: held by anyone counts as owned (CPython's probe).
    const lock = new Lock();
    const cond = new Condition(lock);
    new Lock(lock.handle).acquire();
    expect(() => cond.notify()).not.toThrow();
    expect(cond.wait(0)).toBe(false);
    expect(lock.locked()).toBe(true);
    expect(errorOf(() => new Condition(new Lock()).release())?.message).toBe('release unlocked lock');
  });

  test('wait with a timeout returns false and restores every RLock level', () => {
    const cond = new Condition();
    const rlock = cond.lock as RLock;
    cond.acquire();
    cond.acquire();
    expect(cond.wait(0)).toBe(false);
    expect(cond.wait(-1)).toBe(false);
    expect(cond.wait(NaN)).toBe(false);
    expect(cond.wait(0.02)).toBe(false);
    expect(rlock.isOwned()).toBe(true);
    cond.notify(5);
    cond.notify(0);
    cond.notify(-1);
    cond.notify_all();
    cond.release();
    expect(rlock.isOwned()).toBe(true);
    cond.release();
    expect(rlock.locked()).toBe(false);
  });

  test('an overflowing timeout raises OverflowError and keeps the lock', () => {
    const cond = new Condition();
    cond.acquire();
    expect(errorOf(() => cond.wait(Infinity))).toEqual({ name: 'OverflowError', message: 'timestamp out of range for platform time_t' });
    expect((cond.lock as RLock).isOwned()).toBe(true);
    cond.release();
  });

  test('wait_for returns the predicate value', () => {
    const cond = new Condition(new Lock());
    cond.acquire();
    expect(cond.wait_for(() => 5, 0)).toBe(5);
    expect(cond.wait_for(() => 0, 0)).toBe(0);
    expect(cond.wait_for(() => [].length, 0.02)).toBe(0);
    let calls = 0;
    expect(cond.wait_for(() => ++calls >= 3, 0.05)).toBe(false); // no notify: times out
    expect(calls).toBeGreaterThanOrEqual(2);
    cond.release();
  });
});

describe('Barrier', () => {
  test('properties and a one-party barrier', () => {
    const one = new Barrier(1);
    expect(one.wait()).toBe(0);
    expect(one.wait()).toBe(0);
    const three = new Barrier(3);
    expect([three.parties, three.n_waiting, three.broken]).toEqual([3, 0, false]);
  });

  test('a timeout (own or default) breaks the barrier; reset repairs it; abort breaks it', () => {
    const barrier = new Barrier(2);
    expect(errorOf(() => barrier.wait(0.02))).toEqual({ name: 'BrokenBarrierError', message: '' });
    expect(barrier.broken).toBe(true);
    expect(barrier.n_waiting).toBe(0);
    expect(() => barrier.wait(0.02)).toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    expect(() => barrier.wait(-1)).toThrow(BrokenBarrierError);
    barrier.reset();
    barrier.abort();
    expect(barrier.broken).toBe(true);
    expect(() => barrier.wait(1)).toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);

    const withDefault = new Barrier(3, 0.02);
    expect(() => withDefault.wait()).toThrow(BrokenBarrierError);
    expect(withDefault.broken).toBe(true);
    expect(new BrokenBarrierError()).toBeInstanceOf(RuntimeError);
  });
});
