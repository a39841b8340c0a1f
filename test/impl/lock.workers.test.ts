// Lock and RLock across real worker threads.
import { Lock, RLock } from '../../impl';
import { call, ready } from './helpers/steps';
import { WorkerGroup, delay } from './helpers/worker-group';

let group: WorkerGroup;
beforeEach(() => {
  group = new WorkerGroup();
});
afterEach(async () => {
  await group.terminateAll();
});

test('4 workers x 2000 unsynchronised increments under a Lock lose no update', async () => {
  const lock = new Lock();
  const counter = new SharedArrayBuffer(8);
  const runners = [0, 1, 2, 3].map(() =>
    group.start({ lock: lock.handle }, [{ kind: 'increment', lock: 'lock', cell: 'counter', times: 2000 }], { counter }),
  );
  await Promise.all(runners.map((r) => r.done()));
  expect(new Int32Array(counter)[0]).toBe(8000);
  expect(lock.locked()).toBe(false);
});

test('an acquire blocked in a worker completes only after the main thread releases', async () => {
  const lock = new Lock();
  lock.acquire();
  const runner = group.start({ lock: lock.handle }, [
    ready(),
    call('lock', 'acquire', [], 'acquire'),
    call('lock', 'release', [], 'release'),
  ]);
  await runner.report('ready');
  await delay(100);
  expect(runner.has('acquire')).toBe(false);
  const releasedAt = group.ticket();
  lock.release();
  const acquired = await runner.report('acquire');
  expect(acquired).toMatchObject({ ok: true, value: true });
  expect(acquired.after).toBeGreaterThan(releasedAt);
  await runner.done();
  expect(lock.locked()).toBe(false);
});

test('a timed acquire in a worker expires while the lock is held elsewhere', async () => {
  const lock = new Lock();
  lock.acquire();
  const runner = group.start({ lock: lock.handle }, [call('lock', 'acquire', [true, 0.05], 'timed')]);
  expect(await runner.report('timed')).toMatchObject({ ok: true, value: false });
  expect(lock.locked()).toBe(true);
  lock.release();
});

test('a worker may release a Lock the main thread acquired (Lock has no owner)', async () => {
  const lock = new Lock();
  lock.acquire();
  const runner = group.start({ lock: lock.handle }, [call('lock', 'release', [], 'release')]);
  expect(await runner.report('release')).toMatchObject({ ok: true });
  expect(lock.locked()).toBe(false);
});

test('RLock: a non-owner cannot release, and waits until the owner releases every level', async () => {
  const rlock = new RLock();
  rlock.acquire();
  rlock.acquire();
  const runner = group.start({ rlock: rlock.handle }, [
    call('rlock', 'release', [], 'foreign release'),
    call('rlock', 'acquire', [true, 0.05], 'timed'),
    call('rlock', 'acquire', [], 'acquire'),
    call('rlock', 'acquire', [], 'again'),
    call('rlock', 'release', [], 'r1'),
    call('rlock', 'release', [], 'r2'),
  ]);
  expect(await runner.report('foreign release')).toMatchObject({
    ok: false,
    error: 'RuntimeError',
    message: 'cannot release un-acquired lock',
  });
  expect(await runner.report('timed')).toMatchObject({ ok: true, value: false });
  rlock.release();
  await delay(50);
  expect(runner.has('acquire')).toBe(false); // one level is still held
  const releasedAt = group.ticket();
  rlock.release();
  const acquired = await runner.report('acquire');
  expect(acquired.after).toBeGreaterThan(releasedAt);
  await runner.done();
  expect(runner.reports.filter((r) => !r.ok).map((r) => r.label)).toEqual(['foreign release']);
  expect(rlock.locked()).toBe(false);
  expect(() => rlock.release()).toThrow('cannot release un-acquired lock');
});

test('terminate() ends a worker blocked in Atomics.wait (deadlocked actor)', async () => {
  const lock = new Lock();
  lock.acquire();
  const runner = group.start({ lock: lock.handle }, [ready(), call('lock', 'acquire', [], 'never')]);
  await runner.report('ready');
  await delay(100);
  expect(runner.has('never')).toBe(false);
  const exited = new Promise<number>((resolve) => runner.worker.once('exit', resolve));
  await runner.worker.terminate();
  expect(await exited).toBe(1);
  expect(runner.has('never')).toBe(false);
  expect(lock.locked()).toBe(true); // the lock is untouched by the killed waiter
  lock.release();
  expect(lock.acquire(false)).toBe(true);
});
