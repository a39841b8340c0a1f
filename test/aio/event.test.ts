import { CancelledError, Event, TimeoutError } from '../../impl/aio';
import { settle, sleep, spawn } from './task-harness';

describe('aio Event', () => {
  test('starts clear; set/clear/is_set', () => {
    const e = new Event();
    expect(e.is_set()).toBe(false);
    e.set();
    expect(e.is_set()).toBe(true);
    e.set();
    expect(e.is_set()).toBe(true);
    e.clear();
    expect(e.is_set()).toBe(false);
  });

  test('wait on a set event resolves true at once', async () => {
    const e = new Event();
    e.set();
    await expect(e.wait()).resolves.toBe(true);
  });

  test('set wakes every waiter, even if clear follows at once; later waiters block', async () => {
    const e = new Event();
    const early = Array.from({ length: 3 }, (_, i) => spawn(`E${i}`, () => e.wait()));
    await settle();
    expect(early.every((t) => t.outcome().state === 'pending')).toBe(true);
    e.set();
    e.clear();
    const late = spawn('late', () => e.wait());
    await settle();
    expect(early.map((t) => t.outcome())).toEqual(Array(3).fill({ state: 'ok', value: true }));
    expect(late.outcome().state).toBe('pending');
    e.set();
    await settle();
    expect(late.outcome()).toEqual({ state: 'ok', value: true });
  });

  test('a cancelled waiter rejects and does not disturb the others', async () => {
    const e = new Event();
    const a = spawn('A', (signal) => e.wait({ signal }));
    const b = spawn('B', (signal) => e.wait({ signal }));
    await settle();
    a.cancel();
    await settle();
    await expect(a.promise).rejects.toBeInstanceOf(CancelledError);
    e.set();
    await settle();
    expect(b.outcome()).toEqual({ state: 'ok', value: true });
  });

  test('a cancel that lands after set() but before the waiter runs still wins, as in asyncio', async () => {
    const e = new Event();
    const a = spawn('A', (signal) => e.wait({ signal }));
    await settle();
    e.set();
    a.cancel();
    await settle();
    expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
    expect(e.is_set()).toBe(true);
  });

  test('timeout: TimeoutError when not set in time, true when set in time', async () => {
    const e = new Event();
    const timed = spawn('timed', () => e.wait({ timeout: 0.02 }));
    await sleep(40);
    await expect(timed.promise).rejects.toBeInstanceOf(TimeoutError);
    const patient = spawn('patient', () => e.wait({ timeout: 5 }));
    await settle();
    e.set();
    await expect(patient.promise).resolves.toBe(true);
    // 3.11 wait_for with timeout 0 does not even look at the flag.
    await expect(e.wait({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
  });
});
