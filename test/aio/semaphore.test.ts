import { BoundedSemaphore, CancelledError, Semaphore, TimeoutError } from '../../impl/aio';
import { ValueError } from '../../impl/errors';
import { settle, sleep, spawn } from './task-harness';

/** How many acquires succeed without waiting; gives them back (public API only). */
async function freePermits(s: Semaphore): Promise<number> {
  let n = 0;
  while (!s.locked()) {
    await s.acquire();
    n += 1;
  }
  for (let i = 0; i < n; i += 1) s.release();
  return n;
}

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('aio Semaphore', () => {
  test('defaults to one permit; acquire takes one at the call; release gives one back', async () => {
    const s = new Semaphore();
    expect(s.locked()).toBe(false);
    const p = s.acquire();
    expect(s.locked()).toBe(true);
    await expect(p).resolves.toBe(true);
    s.release();
    expect(await freePermits(s)).toBe(1);
  });

  test('Semaphore(0) is locked; a negative value raises ValueError', () => {
    expect(new Semaphore(0).locked()).toBe(true);
    const e = errorOf(() => new Semaphore(-1));
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toBe('Semaphore initial value must be >= 0');
  });

  test('an unbounded semaphore may be released above its initial value', async () => {
    const s = new Semaphore(1);
    s.release();
    s.release();
    expect(await freePermits(s)).toBe(3);
  });

  test('counts: N permits let N tasks in, the next waits', async () => {
    const s = new Semaphore(3);
    const tasks = Array.from({ length: 4 }, (_, i) => spawn(`T${i}`, () => s.acquire()));
    await settle();
    expect(tasks.map((t) => t.outcome().state)).toEqual(['ok', 'ok', 'ok', 'pending']);
    s.release();
    await settle();
    expect(tasks[3]?.outcome().state).toBe('ok');
  });

  test('waiters are served in arrival order (3.11.7 is FIFO-fair)', async () => {
    const s = new Semaphore(0);
    const order: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      spawn(`T${i}`, async () => {
        await s.acquire();
        order.push(i);
      }),
    );
    await settle();
    for (let i = 0; i < 6; i += 1) {
      s.release();
      await settle();
      expect(order).toEqual(Array.from({ length: i + 1 }, (_, k) => k));
    }
    await Promise.all(tasks.map((t) => t.promise));
  });

  test('a permit released to a woken waiter is not taken by a newcomer', async () => {
    const s = new Semaphore(0);
    const first = spawn('first', () => s.acquire());
    await settle();
    s.release();
    expect(s.locked()).toBe(true);
    const late = spawn('late', () => s.acquire());
    await settle();
    expect(first.outcome().state).toBe('ok');
    expect(late.outcome().state).toBe('pending');
  });

  test('several releases while waiters sleep wake that many of them', async () => {
    const s = new Semaphore(0);
    const tasks = Array.from({ length: 4 }, (_, i) => spawn(`T${i}`, () => s.acquire()));
    await settle();
    s.release();
    s.release();
    s.release();
    await settle();
    expect(tasks.map((t) => t.outcome().state)).toEqual(['ok', 'ok', 'ok', 'pending']);
    expect(await freePermits(s)).toBe(0);
  });

  describe('cancellation does not leak or lose permits', () => {
    test('a pending waiter cancelled: the next release goes to the next waiter', async () => {
      const s = new Semaphore(0);
      const a = spawn('A', (signal) => s.acquire({ signal }));
      const b = spawn('B', (signal) => s.acquire({ signal }));
      await settle();
      a.cancel();
      await settle();
      await expect(a.promise).rejects.toBeInstanceOf(CancelledError);
      s.release();
      await settle();
      expect(b.outcome().state).toBe('ok');
      expect(await freePermits(s)).toBe(0);
    });

    test('a waiter handed a permit and cancelled before it runs passes the permit on', async () => {
      const s = new Semaphore(0);
      const a = spawn('A', (signal) => s.acquire({ signal }));
      const b = spawn('B', (signal) => s.acquire({ signal }));
      await settle();
      s.release();
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(b.outcome().state).toBe('ok');
      expect(await freePermits(s)).toBe(0);
    });

    test('... or back to the counter when nobody else waits', async () => {
      const s = new Semaphore(0);
      const a = spawn('A', (signal) => s.acquire({ signal }));
      await settle();
      s.release();
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(await freePermits(s)).toBe(1);
    });

    test('cancelled waiters that have not run yet do not make locked() true', async () => {
      const s = new Semaphore(0);
      const a = spawn('A', (signal) => s.acquire({ signal }));
      await settle();
      s.release();
      expect(s.locked()).toBe(true);
      a.cancel();
      // The permit stays reserved for A until A runs and gives it back.
      expect(s.locked()).toBe(true);
      await settle();
      expect(s.locked()).toBe(false);
    });

    test('timeouts: TimeoutError, and no permit is consumed', async () => {
      const s = new Semaphore(1);
      await s.acquire();
      const timed = spawn('timed', () => s.acquire({ timeout: 0.02 }));
      await sleep(40);
      await expect(timed.promise).rejects.toBeInstanceOf(TimeoutError);
      s.release();
      expect(await freePermits(s)).toBe(1);
      await expect(s.acquire({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
      expect(await freePermits(s)).toBe(1);
    });
  });
});

describe('aio BoundedSemaphore', () => {
  test('releasing above the initial value raises ValueError (3.11 message, no full stop)', async () => {
    const s = new BoundedSemaphore(2);
    const e1 = errorOf(() => s.release());
    expect(e1).toBeInstanceOf(ValueError);
    expect(e1.name).toBe('ValueError');
    expect(e1.message).toBe('BoundedSemaphore released too many times');
    await s.acquire();
    await s.acquire();
    s.release();
    s.release();
    expect(() => s.release()).toThrow('BoundedSemaphore released too many times');
    expect(await freePermits(s)).toBe(2);
  });

  test('defaults to 1; a negative value raises the Semaphore ValueError', () => {
    const s = new BoundedSemaphore();
    expect(() => s.release()).toThrow(ValueError);
    expect(errorOf(() => new BoundedSemaphore(-1)).message).toBe('Semaphore initial value must be >= 0');
  });

  test('behaves as a Semaphore otherwise: waiters, FIFO, cancellation', async () => {
    const s = new BoundedSemaphore(1);
    await s.acquire();
    const a = spawn('A', (signal) => s.acquire({ signal }));
    const b = spawn('B', (signal) => s.acquire({ signal }));
    await settle();
    s.release();
    a.cancel();
    await settle();
    expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
    expect(b.outcome().state).toBe('ok');
    s.release();
    expect(() => s.release()).toThrow(ValueError);
  });
});
