import { Barrier, CancelledError, TimeoutError } from '../../impl/aio';
import { BrokenBarrierError, RuntimeError, ValueError } from '../../impl/errors';
import { settle, spawn, type Task } from './task-harness';

function arrive(b: Barrier, names: string[]): Task<number>[] {
  return names.map((n) => spawn(n, (signal) => b.wait({ signal })));
}

describe('aio Barrier', () => {
  test('parties must be > 0', () => {
    expect(() => new Barrier(0)).toThrow(ValueError);
    expect(() => new Barrier(0)).toThrow('parties must be > 0');
    expect(new Barrier(1).parties).toBe(1);
  });

  test('releases all parties together, each with a distinct index 0..parties-1', async () => {
    const b = new Barrier(3);
    expect([b.parties, b.n_waiting, b.broken]).toEqual([3, 0, false]);
    const first = arrive(b, ['A', 'B']);
    await settle();
    expect(b.n_waiting).toBe(2);
    expect(first.map((t) => t.outcome().state)).toEqual(['pending', 'pending']);
    const last = arrive(b, ['C']);
    const indices = await Promise.all([...first, ...last].map((t) => t.promise));
    expect(indices).toEqual([0, 1, 2]);
    expect(b.n_waiting).toBe(0);
  });

  test('Barrier(1) never blocks', async () => {
    const b = new Barrier(1);
    await expect(b.wait()).resolves.toBe(0);
    await expect(b.wait()).resolves.toBe(0);
  });

  test('is reusable, cycle after cycle', async () => {
    const b = new Barrier(2);
    for (let cycle = 0; cycle < 3; cycle += 1) {
      const tasks = arrive(b, ['A', 'B']);
      expect((await Promise.all(tasks.map((t) => t.promise))).sort()).toEqual([0, 1]);
    }
  });

  test('parties arriving while it drains wait for the next cycle', async () => {
    const b = new Barrier(2);
    const a = arrive(b, ['A']);
    await settle();
    const [bb, c] = arrive(b, ['B', 'C']);
    await settle();
    expect(a[0]?.outcome()).toEqual({ state: 'ok', value: 0 });
    expect(bb?.outcome()).toEqual({ state: 'ok', value: 1 });
    expect(c?.outcome().state).toBe('pending');
    expect(b.n_waiting).toBe(1);
    const [d] = arrive(b, ['D']);
    await settle();
    expect([c?.outcome(), d?.outcome()]).toEqual([
      { state: 'ok', value: 0 },
      { state: 'ok', value: 1 },
    ]);
  });

  test('abort breaks it: waiters and newcomers get BrokenBarrierError until reset', async () => {
    const b = new Barrier(3);
    const waiting = arrive(b, ['A', 'B']);
    await settle();
    await b.abort();
    expect(b.broken).toBe(true);
    for (const t of waiting) {
      const e = await t.promise.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(BrokenBarrierError);
      expect(e).toBeInstanceOf(RuntimeError);
      expect((e as Error).name).toBe('BrokenBarrierError');
      expect((e as Error).message).toBe('Abort or reset of barrier');
    }
    await expect(b.wait()).rejects.toThrow('Barrier aborted');
    expect(b.n_waiting).toBe(0);
    await b.reset();
    expect(b.broken).toBe(false);
    const tasks = arrive(b, ['C', 'D', 'E']);
    expect(await Promise.all(tasks.map((t) => t.promise))).toEqual([0, 1, 2]);
  });

  test('reset breaks the current cycle only; the barrier is usable at once', async () => {
    const b = new Barrier(2);
    const [a] = arrive(b, ['A']);
    await settle();
    await b.reset();
    await expect(a?.promise).rejects.toThrow('Abort or reset of barrier');
    expect(b.broken).toBe(false);
    const tasks = arrive(b, ['B', 'C']);
    expect(await Promise.all(tasks.map((t) => t.promise))).toEqual([0, 1]);
  });

  test('a cancelled party leaves without breaking the barrier (unlike a threading timeout)', async () => {
    const b = new Barrier(2);
    const [a] = arrive(b, ['A']);
    await settle();
    a?.cancel();
    await expect(a?.promise).rejects.toBeInstanceOf(CancelledError);
    expect([b.n_waiting, b.broken]).toEqual([0, false]);
    const tasks = arrive(b, ['B', 'C']);
    expect(await Promise.all(tasks.map((t) => t.promise))).toEqual([0, 1]);
  });

  test('a timed-out party raises TimeoutError and the barrier stays whole', async () => {
    const b = new Barrier(2);
    await expect(b.wait({ timeout: 0.02 })).rejects.toBeInstanceOf(TimeoutError);
    expect([b.n_waiting, b.broken]).toEqual([0, false]);
    const tasks = arrive(b, ['B', 'C']);
    expect(await Promise.all(tasks.map((t) => t.promise))).toEqual([0, 1]);
  });
});
