import { CancelledError, Condition, Lock, Queue, TimeoutError, waitFor } from '../../impl/aio';
import { settle, sleep } from './task-harness';

describe('waitFor (asyncio.wait_for)', () => {
  test('returns the result when it comes in time', async () => {
    const q = new Queue<string>();
    const p = waitFor((signal) => q.get({ signal }), 5);
    await settle();
    q.put_nowait('x');
    await expect(p).resolves.toBe('x');
  });

  test('cancels the wrapped call when the timeout passes and raises TimeoutError', async () => {
    const l = new Lock();
    await l.acquire();
    const error = await waitFor((signal) => l.acquire({ signal }), 0.02).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe('TimeoutError');
    // The cancelled acquire left no trace: the lock passes normally afterwards.
    l.release();
    await expect(l.acquire({ timeout: 1 })).resolves.toBe(true);
  });

  test('covers a composite wait as a whole (Condition.wait_for under the lock)', async () => {
    const c = new Condition();
    await c.acquire();
    const started = Date.now();
    const error = await waitFor((signal) => c.wait_for(() => false, { signal }), 0.03).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(c.locked()).toBe(true);
  });

  test('timeout null waits forever; timeout <= 0 raises at once without starting the call', async () => {
    await expect(waitFor(async () => 'v', null)).resolves.toBe('v');
    const start = jest.fn(async () => 'never');
    await expect(waitFor(start, 0)).rejects.toBeInstanceOf(TimeoutError);
    await expect(waitFor(start, -3)).rejects.toBeInstanceOf(TimeoutError);
    expect(start).not.toHaveBeenCalled();
  });

  test('other errors pass through unchanged', async () => {
    const boom = new RangeError('boom');
    await expect(waitFor(async () => Promise.reject(boom), 1)).rejects.toBe(boom);
  });

  test('a call that ignores the cancel and finishes anyway returns its result, as in 3.11', async () => {
    const seen: boolean[] = [];
    const result = await waitFor(async (signal) => {
      await sleep(40);
      seen.push(signal.aborted);
      return 'late';
    }, 0.01);
    expect(result).toBe('late');
    expect(seen).toEqual([true]);
  });

  test('a CancelledError not caused by the timeout stays a CancelledError', async () => {
    const l = new Lock();
    await l.acquire();
    const outer = new AbortController();
    const p = waitFor((signal) => l.acquire({ signal: AbortSignal.any([signal, outer.signal]) }), 5);
    await settle();
    outer.abort();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });
});
