// Single-thread semantics of Lock and RLock. Expected outcomes are what CPython 3.11 prints for
// the same calls (threading.Lock / threading.RLock), noted next to each case.
import { Lock, OverflowError, RLock, RuntimeError, ValueError } from '../../impl';
import { errorOf } from './helpers/error-of';

describe('Lock', () => {
  test('acquire, locked, release', () => {
    const lock = new Lock();
    expect(lock.locked()).toBe(false);
    expect(lock.acquire()).toBe(true);
    expect(lock.locked()).toBe(true);
    expect(lock.acquire(false)).toBe(false);
    expect(lock.acquire(true, 0)).toBe(false);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  test('release of an unlocked lock raises RuntimeError', () => {
    const error = errorOf(() => new Lock().release());
    expect(error).toEqual({ name: 'RuntimeError', message: 'release unlocked lock' });
    expect(() => new Lock().release()).toThrow(RuntimeError);
  });

  test('argument validation matches CPython', () => {
    const lock = new Lock();
    // Lock().acquire(timeout=-2) -> ValueError 'timeout value must be positive'
    expect(errorOf(() => lock.acquire(true, -2))).toEqual({ name: 'ValueError', message: 'timeout value must be positive' });
    expect(errorOf(() => lock.acquire(true, -0.5))?.message).toBe('timeout value must be positive');
    // acquire(blocking=False, timeout=1) -> ValueError "can't specify a timeout for a non-blocking call"
    expect(errorOf(() => lock.acquire(false, 1))).toEqual({
      name: 'ValueError',
      message: "can't specify a timeout for a non-blocking call",
    });
    // acquire(timeout=nan) -> ValueError; acquire(timeout=inf / 1e10) -> OverflowError
    expect(errorOf(() => lock.acquire(true, NaN))).toEqual({ name: 'ValueError', message: 'Invalid value NaN (not a number)' });
    expect(() => lock.acquire(true, Infinity)).toThrow(OverflowError);
    expect(errorOf(() => lock.acquire(true, 1e10))?.message).toBe('timestamp out of range for platform time_t');
    expect(lock.locked()).toBe(false); // none of the failed calls took the lock
    // acquire(blocking=False, timeout=-1) -> True: -1 is the "unset" timeout
    expect(lock.acquire(false, -1)).toBe(true);
    // acquire(timeout=-1.0) on a held lock would block; a timed acquire gives up
    expect(lock.acquire(true, 0.02)).toBe(false);
    expect(() => lock.acquire(false, 1)).toThrow(ValueError);
  });

  test('any thread may release: a second Lock object on the same handle releases it', () => {
    const lock = new Lock();
    const other = new Lock(lock.handle);
    lock.acquire();
    expect(other.locked()).toBe(true);
    other.release();
    expect(lock.locked()).toBe(false);
  });
});

describe('RLock', () => {
  test('is re-entrant and counts levels', () => {
    const rlock = new RLock();
    expect(rlock.acquire()).toBe(true);
    expect(rlock.acquire()).toBe(true);
    expect(rlock.acquire(false)).toBe(true);
    rlock.release();
    rlock.release();
    expect(rlock.locked()).toBe(true);
    rlock.release();
    expect(rlock.locked()).toBe(false);
    expect(errorOf(() => rlock.release())).toEqual({ name: 'RuntimeError', message: 'cannot release un-acquired lock' });
  });

  test('release when unowned raises RuntimeError', () => {
    expect(errorOf(() => new RLock().release())).toEqual({
      name: 'RuntimeError',
      message: 'cannot release un-acquired lock',
    });
  });

  test('argument validation matches CPython, even for a re-entrant acquire', () => {
    const rlock = new RLock();
    expect(errorOf(() => rlock.acquire(true, -2))?.message).toBe('timeout value must be positive');
    expect(errorOf(() => rlock.acquire(false, 1))?.message).toBe("can't specify a timeout for a non-blocking call");
    expect(errorOf(() => rlock.acquire(true, Infinity))?.name).toBe('OverflowError');
    rlock.acquire();
    expect(errorOf(() => rlock.acquire(true, -2))?.message).toBe('timeout value must be positive');
    rlock.release();
    expect(rlock.locked()).toBe(false);
  });

  test('isOwned / releaseSave / acquireRestore keep the recursion level', () => {
    const rlock = new RLock();
    expect(rlock.isOwned()).toBe(false);
    rlock.acquire();
    rlock.acquire();
    const saved = rlock.releaseSave();
    expect(saved.count).toBe(2);
    expect(rlock.locked()).toBe(false);
    expect(rlock.isOwned()).toBe(false);
    rlock.acquireRestore(saved);
    expect(rlock.isOwned()).toBe(true);
    rlock.release();
    rlock.release();
    expect(rlock.locked()).toBe(false);
  });
});
