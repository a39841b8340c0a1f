import { CancelledError, Lock, TimeoutError } from '../../impl/aio';
import { RuntimeError } from '../../impl/errors';
import { settle, sleep, spawn } from './task-harness';

describe('aio Lock', () => {
  test('starts unlocked; acquire locks (synchronously, at the call) and resolves true; release unlocks', async () => {
    const l = new Lock();
    expect(l.locked()).toBe(false);
    const p = l.acquire();
    expect(l.locked()).toBe(true);
    await expect(p).resolves.toBe(true);
    l.release();
    expect(l.locked()).toBe(false);
  });

  test('releasing an unlocked lock raises RuntimeError("Lock is not acquired.")', () => {
    const l = new Lock();
    let caught: unknown;
    try {
      l.release();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RuntimeError);
    expect((caught as Error).name).toBe('RuntimeError');
    expect((caught as Error).message).toBe('Lock is not acquired.');
  });

  test('has no owner: another task may release it', async () => {
    const l = new Lock();
    await spawn('A', () => l.acquire()).promise;
    await spawn('B', async () => l.release()).promise;
    expect(l.locked()).toBe(false);
  });

  test('waiters get the lock in arrival order, one at a time', async () => {
    const l = new Lock();
    await l.acquire();
    const order: number[] = [];
    let inside = 0;
    const tasks = Array.from({ length: 8 }, (_, i) =>
      spawn(`T${i}`, async () => {
        await l.acquire();
        inside += 1;
        expect(inside).toBe(1);
        order.push(i);
        await settle(1);
        inside -= 1;
        l.release();
      }),
    );
    await settle();
    expect(order).toEqual([]);
    l.release();
    await Promise.all(tasks.map((t) => t.promise));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(l.locked()).toBe(false);
  });

  test('a newcomer does not barge past a woken waiter that has not run yet', async () => {
    const l = new Lock();
    await l.acquire();
    const first = spawn('first', () => l.acquire());
    await settle();
    l.release();
    expect(l.locked()).toBe(false);
    const late = spawn('late', () => l.acquire());
    await settle();
    expect(first.outcome()).toEqual({ state: 'ok', value: true });
    expect(late.outcome()).toEqual({ state: 'pending' });
    l.release();
    await settle();
    expect(late.outcome()).toEqual({ state: 'ok', value: true });
  });

  describe('cancellation', () => {
    test('a pending waiter that is cancelled rejects with CancelledError carrying the reason', async () => {
      const l = new Lock();
      await l.acquire();
      const t = spawn('T', (signal) => l.acquire({ signal }));
      await settle();
      t.controller.abort('stop');
      await settle();
      const error = await t.promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CancelledError);
      expect((error as Error).name).toBe('CancelledError');
      expect((error as Error).cause).toBe('stop');
      expect(l.locked()).toBe(true);
      l.release();
      expect(l.locked()).toBe(false);
    });

    test('cancelling the first waiter lets the next one through on release', async () => {
      const l = new Lock();
      await l.acquire();
      const a = spawn('A', (signal) => l.acquire({ signal }));
      const b = spawn('B', (signal) => l.acquire({ signal }));
      await settle();
      a.cancel();
      l.release();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(b.outcome()).toEqual({ state: 'ok', value: true });
      expect(l.locked()).toBe(true);
    });

    test('a waiter woken by release and cancelled before it runs passes the lock on', async () => {
      const l = new Lock();
      await l.acquire();
      const a = spawn('A', (signal) => l.acquire({ signal }));
      const b = spawn('B', (signal) => l.acquire({ signal }));
      await settle();
      l.release();
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(b.outcome()).toEqual({ state: 'ok', value: true });
    });

    test('with nobody behind it, a woken-then-cancelled waiter leaves the lock free, not stuck', async () => {
      const l = new Lock();
      await l.acquire();
      const a = spawn('A', (signal) => l.acquire({ signal }));
      await settle();
      l.release();
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(l.locked()).toBe(false);
      await expect(l.acquire({ timeout: 1 })).resolves.toBe(true);
    });

    test('a cancel after the acquire completed has no effect', async () => {
      const l = new Lock();
      const t = spawn('T', (signal) => l.acquire({ signal }));
      await settle();
      t.cancel();
      await settle();
      expect(t.outcome()).toEqual({ state: 'ok', value: true });
      expect(l.locked()).toBe(true);
    });

    test('an already-aborted signal fails at once without taking even a free lock', async () => {
      const l = new Lock();
      await expect(l.acquire({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
      expect(l.locked()).toBe(false);
    });
  });

  describe('timeout (asyncio.wait_for)', () => {
    test('gives up with TimeoutError and leaves the queue of waiters consistent', async () => {
      const l = new Lock();
      await l.acquire();
      const timed = spawn('timed', () => l.acquire({ timeout: 0.02 }));
      const patient = spawn('patient', () => l.acquire());
      await sleep(40);
      expect(timed.outcome()).toMatchObject({ state: 'error', name: 'TimeoutError' });
      await expect(timed.promise).rejects.toBeInstanceOf(TimeoutError);
      l.release();
      await settle();
      expect(patient.outcome()).toEqual({ state: 'ok', value: true });
    });

    test('succeeds if the lock comes free in time', async () => {
      const l = new Lock();
      await l.acquire();
      const t = spawn('T', () => l.acquire({ timeout: 5 }));
      await sleep(10);
      l.release();
      await expect(t.promise).resolves.toBe(true);
    });

    test('timeout <= 0 raises TimeoutError even on a free lock, as CPython 3.11 wait_for does', async () => {
      const l = new Lock();
      await expect(l.acquire({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
      await expect(l.acquire({ timeout: -1 })).rejects.toBeInstanceOf(TimeoutError);
      expect(l.locked()).toBe(false);
    });

    test('timeout null waits forever (no timer)', async () => {
      const l = new Lock();
      await expect(l.acquire({ timeout: null })).resolves.toBe(true);
    });
  });

  describe('timers', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    test('the timeout timer is cleared when the wait ends, either way', async () => {
      jest.useFakeTimers();
      const l = new Lock();
      await l.acquire({ timeout: 10 });
      expect(jest.getTimerCount()).toBe(0);
      const waiting = l.acquire({ timeout: 10 });
      expect(jest.getTimerCount()).toBe(1);
      l.release();
      await waiting;
      expect(jest.getTimerCount()).toBe(0);
      const timedOut = l.acquire({ timeout: 1 });
      jest.advanceTimersByTime(1000);
      await expect(timedOut).rejects.toBeInstanceOf(TimeoutError);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
