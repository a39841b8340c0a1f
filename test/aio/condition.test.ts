import { CancelledError, Condition, Lock, TimeoutError } from '../../impl/aio';
import { RuntimeError } from '../../impl/errors';
import { settle, sleep, spawn } from './task-harness';

/** A task that waits on `c` under its lock and reports whether it held the lock when it woke. */
function waiter(c: Condition, name: string, log: string[], signal?: AbortSignal): Promise<boolean> {
  return (async () => {
    await c.acquire();
    try {
      await c.wait({ signal });
      log.push(name);
      return c.locked();
    } finally {
      c.release();
    }
  })();
}

async function notifyUnderLock(c: Condition, n?: number): Promise<void> {
  await c.acquire();
  if (n === undefined) c.notify_all();
  else c.notify(n);
  c.release();
}

describe('aio Condition', () => {
  test('acquire/release/locked are those of its lock, a fresh Lock by default', async () => {
    const c = new Condition();
    expect(c.locked()).toBe(false);
    await expect(c.acquire()).resolves.toBe(true);
    expect(c.locked()).toBe(true);
    c.release();
    expect(c.locked()).toBe(false);
    expect(() => c.release()).toThrow('Lock is not acquired.');
  });

  test('a given lock is shared: two conditions on one lock', async () => {
    const lock = new Lock();
    const a = new Condition(lock);
    const b = new Condition(lock);
    await a.acquire();
    expect(lock.locked()).toBe(true);
    expect(b.locked()).toBe(true);
    b.release();
    expect(a.locked()).toBe(false);
  });

  test('wait and notify without the lock raise RuntimeError with CPython messages', async () => {
    const c = new Condition();
    const e = await c.wait().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RuntimeError);
    expect((e as Error).message).toBe('cannot wait on un-acquired lock');
    expect(() => c.notify()).toThrow(RuntimeError);
    expect(() => c.notify()).toThrow('cannot notify on un-acquired lock');
    expect(() => c.notify_all()).toThrow('cannot notify on un-acquired lock');
    await expect(c.wait_for(() => false)).rejects.toThrow('cannot wait on un-acquired lock');
  });

  test('wait releases the lock while waiting and holds it again when it returns true', async () => {
    const c = new Condition();
    const log: string[] = [];
    const w = spawn('W', () => waiter(c, 'W', log));
    await settle();
    expect(c.locked()).toBe(false);
    await notifyUnderLock(c, 1);
    await expect(w.promise).resolves.toBe(true);
  });

  test('notify(n) wakes the n oldest waiters; notify_all the rest; no waiters is a no-op', async () => {
    const c = new Condition();
    const log: string[] = [];
    const tasks = ['A', 'B', 'C', 'D', 'E'].map((n) => spawn(n, () => waiter(c, n, log)));
    await settle();
    await notifyUnderLock(c, 2);
    await settle();
    expect(log).toEqual(['A', 'B']);
    await notifyUnderLock(c, 1);
    await settle();
    expect(log).toEqual(['A', 'B', 'C']);
    await notifyUnderLock(c);
    await Promise.all(tasks.map((t) => t.promise));
    expect(log).toEqual(['A', 'B', 'C', 'D', 'E']);
    await notifyUnderLock(c, 3);
  });

  test('a notified waiter still needs the lock: it returns only after the notifier releases', async () => {
    const c = new Condition();
    const log: string[] = [];
    const w = spawn('W', () => waiter(c, 'W', log));
    await settle();
    await c.acquire();
    c.notify();
    await settle();
    expect(w.outcome().state).toBe('pending');
    c.release();
    await settle();
    expect(w.outcome()).toEqual({ state: 'ok', value: true });
  });

  test('wait_for returns the truthy predicate value, re-checking after each wake-up', async () => {
    const c = new Condition();
    let value = 0;
    const checks: number[] = [];
    const t = spawn('T', async () => {
      await c.acquire();
      try {
        return await c.wait_for(() => {
          checks.push(value);
          return value >= 2 ? `value ${value}` : '';
        });
      } finally {
        c.release();
      }
    });
    for (let i = 1; i <= 2; i += 1) {
      await settle();
      await c.acquire();
      value = i;
      c.notify();
      c.release();
    }
    await expect(t.promise).resolves.toBe('value 2');
    expect(checks).toEqual([0, 1, 2]);
  });

  test('wait_for with an already true predicate does not wait, or even need the lock', async () => {
    const c = new Condition();
    await expect(c.wait_for(() => 42)).resolves.toBe(42);
  });

  describe('cancellation and timeouts', () => {
    test('a cancelled wait re-acquires the lock before rejecting', async () => {
      const c = new Condition();
      let lockedAtError: boolean | undefined;
      const t = spawn('T', async (signal) => {
        await c.acquire();
        try {
          await c.wait({ signal });
        } catch (e) {
          lockedAtError = c.locked();
          throw e;
        } finally {
          c.release();
        }
      });
      await settle();
      await c.acquire();
      t.cancel();
      await settle();
      // Cancelled, but the lock is ours: it cannot finish until we release.
      expect(t.outcome().state).toBe('pending');
      c.release();
      await expect(t.promise).rejects.toBeInstanceOf(CancelledError);
      expect(lockedAtError).toBe(true);
      expect(c.locked()).toBe(false);
    });

    test('a cancelled waiter leaves the other waiters in line', async () => {
      const c = new Condition();
      const log: string[] = [];
      const controller = new AbortController();
      const a = spawn('A', () => waiter(c, 'A', log, controller.signal));
      const b = spawn('B', () => waiter(c, 'B', log));
      await settle();
      controller.abort();
      await settle();
      await expect(a.promise).rejects.toBeInstanceOf(CancelledError);
      await notifyUnderLock(c, 1);
      await expect(b.promise).resolves.toBe(true);
      expect(log).toEqual(['B']);
    });

    test('3.11: a waiter notified and then cancelled before it runs swallows the notification', async () => {
      const c = new Condition();
      const log: string[] = [];
      const controller = new AbortController();
      spawn('A', () => waiter(c, 'A', log, controller.signal));
      const b = spawn('B', () => waiter(c, 'B', log));
      await settle();
      await c.acquire();
      c.notify(1);
      c.release();
      controller.abort();
      await settle();
      expect(b.outcome().state).toBe('pending');
      await notifyUnderLock(c, 1);
      await settle();
      expect(b.outcome()).toEqual({ state: 'ok', value: true });
    });

    test('wait timeout: TimeoutError raised with the lock held', async () => {
      const c = new Condition();
      await c.acquire();
      const e = await c.wait({ timeout: 0.02 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TimeoutError);
      expect(c.locked()).toBe(true);
      c.release();
    });

    test('wait_for timeout covers the whole call, not each wake-up', async () => {
      const c = new Condition();
      let spurious = 0;
      const notifier = setInterval(() => {
        if (c.locked()) return;
        void notifyUnderLock(c).then(() => {
          spurious += 1;
        });
      }, 5);
      try {
        await c.acquire();
        const e = await c.wait_for(() => false, { timeout: 0.06 }).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(TimeoutError);
        expect(c.locked()).toBe(true);
        c.release();
      } finally {
        clearInterval(notifier);
      }
      expect(spurious).toBeGreaterThan(0);
    });

    test('a timeout that passes while the notified waiter waits for the lock still raises TimeoutError', async () => {
      const c = new Condition();
      const t = spawn('T', async () => {
        await c.acquire();
        try {
          return await c.wait({ timeout: 0.03 });
        } finally {
          c.release();
        }
      });
      await settle();
      await c.acquire();
      c.notify();
      await sleep(50);
      expect(t.outcome().state).toBe('pending');
      c.release();
      await expect(t.promise).rejects.toBeInstanceOf(TimeoutError);
    });
  });
});
