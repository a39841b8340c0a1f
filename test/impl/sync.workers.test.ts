// Semaphore, Event, Condition and Barrier across real worker threads. Ordering is judged from
// shared tickets (helpers/worker-group.ts), never from wall-clock bounds.
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from '../../impl';
import { call, ready, type StepReport } from './helpers/steps';
import { type Runner, WorkerGroup, delay, eventually } from './helpers/worker-group';

let group: WorkerGroup;
beforeEach(() => {
  group = new WorkerGroup();
});
afterEach(async () => {
  await group.terminateAll();
});

function reportsWith(runners: Runner[], label: string): StepReport[] {
  return runners.flatMap((r) => r.reports.filter((report) => report.label === label));
}

describe('Semaphore across workers', () => {
  test('Semaphore(2) admits at most 2 of 4 workers at a time', async () => {
    const sem = new Semaphore(2);
    const cell = new SharedArrayBuffer(8);
    const runners = [0, 1, 2, 3].map(() =>
      group.start({ sem: sem.handle }, [{ kind: 'guarded', semaphore: 'sem', cell: 'cell', times: 25 }], { cell }),
    );
    await Promise.all(runners.map((r) => r.done()));
    const [inside, max] = new Int32Array(cell);
    expect(inside).toBe(0);
    expect(max).toBeGreaterThanOrEqual(1);
    expect(max).toBeLessThanOrEqual(2);
    expect(sem.value).toBe(2);
  });

  test('release(n) lets exactly n blocked acquirers through', async () => {
    const sem = new Semaphore(0);
    const runners = [0, 1, 2].map(() => group.start({ sem: sem.handle }, [ready(), call('sem', 'acquire', [], 'got')]));
    await Promise.all(runners.map((r) => r.report('ready')));
    await delay(100);
    expect(reportsWith(runners, 'got')).toHaveLength(0);
    const releasedAt = group.ticket();
    sem.release(2);
    await Promise.race(runners.map((r) => r.report('got')));
    await delay(150);
    const got = reportsWith(runners, 'got');
    expect(got).toHaveLength(2);
    expect(got.every((r) => r.ok && r.value === true && r.after > releasedAt)).toBe(true);
    sem.release();
    await Promise.all(runners.map((r) => r.done()));
    expect(sem.value).toBe(0);
  });

  test('a timed acquire expires; BoundedSemaphore over-release fails in a worker', async () => {
    const sem = new Semaphore(0);
    const bounded = new BoundedSemaphore(1);
    const runner = group.start({ sem: sem.handle, bounded: bounded.handle }, [
      call('sem', 'acquire', [true, 0.05], 'timed'),
      call('bounded', 'release', [], 'over'),
    ]);
    const [timed, over] = await runner.done();
    expect(timed).toMatchObject({ ok: true, value: false });
    expect(over).toMatchObject({ ok: false, error: 'ValueError', message: 'Semaphore released too many times' });
    expect(bounded.value).toBe(1);
  });
});

describe('Event across workers', () => {
  test('set() wakes every waiter', async () => {
    const event = new Event();
    const runners = [0, 1, 2, 3].map(() => group.start({ event: event.handle }, [ready(), call('event', 'wait', [], 'woke')]));
    await Promise.all(runners.map((r) => r.report('ready')));
    await delay(100);
    expect(reportsWith(runners, 'woke')).toHaveLength(0);
    const setAt = group.ticket();
    event.set();
    const woke = await Promise.all(runners.map((r) => r.report('woke')));
    expect(woke.every((r) => r.ok && r.value === true && r.after > setAt)).toBe(true);
  });

  test('a waiter woken by set() returns true even if clear() ran before it did', async () => {
    const event = new Event();
    const runners = [0, 1].map(() => group.start({ event: event.handle }, [ready(), call('event', 'wait', [10], 'woke')]));
    await Promise.all(runners.map((r) => r.report('ready')));
    await delay(200); // both are asleep in wait() by now
    event.set();
    event.clear();
    const woke = await Promise.all(runners.map((r) => r.report('woke')));
    expect(woke.map((r) => r.ok && r.value)).toEqual([true, true]);
    expect(event.is_set()).toBe(false);
  });

  test('wait(timeout) in a worker returns false when nobody sets', async () => {
    const event = new Event();
    const runner = group.start({ event: event.handle }, [call('event', 'wait', [0.05], 'timed')]);
    expect(await runner.report('timed')).toMatchObject({ ok: true, value: false });
  });
});

describe('Condition across workers', () => {
  /** Starts `count` workers that acquire, report, wait(timeout), release; returns once all wait. */
  async function waiters(cond: Condition, count: number, timeout: number | null): Promise<Runner[]> {
    const runners = Array.from({ length: count }, () =>
      group.start({ cond: cond.handle }, [
        call('cond', 'acquire', [], 'acquired'),
        call('cond', 'wait', [timeout], 'woke'),
        call('cond', 'release', [], 'released'),
      ]),
    );
    await Promise.all(runners.map((r) => r.report('acquired')));
    // Each worker held the lock after its report and only gives it up inside wait(), after
    // joining the waiter queue; so once we get the lock, every worker is waiting.
    expect(cond.acquire(true, 10)).toBe(true);
    return runners;
  }

  for (const [name, makeLock] of [
    ['Lock', () => new Lock()],
    ['RLock', () => new RLock()],
  ] as const) {
    test(`notify(1) wakes exactly one waiter at a time (${name})`, async () => {
      const cond = new Condition(makeLock());
      const runners = await waiters(cond, 3, null);
      cond.notify(1);
      cond.release();
      await Promise.race(runners.map((r) => r.report('woke')));
      await delay(150);
      expect(reportsWith(runners, 'woke')).toHaveLength(1);

      expect(cond.acquire(true, 10)).toBe(true);
      cond.notify(1);
      cond.release();
      await delay(150);
      expect(reportsWith(runners, 'woke')).toHaveLength(2);

      expect(cond.acquire(true, 10)).toBe(true);
      cond.notify_all();
      cond.release();
      await Promise.all(runners.map((r) => r.done()));
      expect(reportsWith(runners, 'woke').map((r) => r.ok && r.value)).toEqual([true, true, true]);
      expect(cond.lock.locked()).toBe(false);
    });
  }

  test('notify(2) among 4 timed waiters: exactly 2 return true, the rest time out', async () => {
    const cond = new Condition(new Lock());
    // The timeout only has to outlast the staggered start of the workers before notify(2).
    const runners = await waiters(cond, 4, 1.5);
    cond.notify(2);
    cond.release();
    await Promise.all(runners.map((r) => r.done()));
    const results = reportsWith(runners, 'woke').map((r) => r.ok && r.value);
    expect(results.filter((v) => v === true)).toHaveLength(2);
    expect(results.filter((v) => v === false)).toHaveLength(2);
  });

  test('wait_for on the main thread returns once a worker makes the predicate true', async () => {
    const cond = new Condition();
    const flag = new Event(); // the predicate's state, shared
    const runner = group.start({ cond: cond.handle, flag: flag.handle }, [
      ready(),
      { kind: 'sleep', ms: 50 },
      call('cond', 'acquire', [], 'acquired'),
      call('flag', 'set', [], 'set'),
      call('cond', 'notify_all', [], 'notified'),
      call('cond', 'release', [], 'released'),
    ]);
    await runner.report('ready');
    expect(cond.acquire(true, 10)).toBe(true);
    const before = group.ticket();
    expect(cond.wait_for(() => flag.is_set(), 10)).toBe(true);
    const after = group.ticket();
    cond.release();
    const set = await runner.report('set');
    expect(set.before).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(set.before);
    await runner.done();
  });
});

describe('Barrier across workers', () => {
  test('indices are a permutation of 0..parties-1 in every generation', async () => {
    const barrier = new Barrier(4);
    const rounds = 3;
    const runners = [0, 1, 2, 3].map(() =>
      group.start(
        { barrier: barrier.handle },
        Array.from({ length: rounds }, (_, round) => call('barrier', 'wait', [], `round ${round}`)),
      ),
    );
    await Promise.all(runners.map((r) => r.done()));
    for (let round = 0; round < rounds; round++) {
      const indices = reportsWith(runners, `round ${round}`).map((r) => (r.ok ? r.value : r.error));
      expect([...indices].sort()).toEqual([0, 1, 2, 3]);
    }
    expect(barrier.n_waiting).toBe(0);
    expect(barrier.broken).toBe(false);
  });

  test('one waiter timing out breaks the barrier for everyone', async () => {
    const barrier = new Barrier(3);
    const patient = group.start({ barrier: barrier.handle }, [ready(), call('barrier', 'wait', [10], 'patient')]);
    await eventually(() => barrier.n_waiting === 1, 'the patient worker waits at the barrier');
    const hasty = group.start({ barrier: barrier.handle }, [call('barrier', 'wait', [0.1], 'hasty')]);
    const [a, b] = await Promise.all([patient.report('patient'), hasty.report('hasty')]);
    expect(a).toMatchObject({ ok: false, error: 'BrokenBarrierError' });
    expect(b).toMatchObject({ ok: false, error: 'BrokenBarrierError' });
    expect(a.after).toBeGreaterThan(b.before); // the patient one was released by the hasty one's timeout
    expect(barrier.broken).toBe(true);
  });

  test('abort() from the main thread releases waiters with BrokenBarrierError; reset() repairs', async () => {
    const barrier = new Barrier(3);
    const runners = [0, 1].map(() => group.start({ barrier: barrier.handle }, [ready(), call('barrier', 'wait', [], 'wait')]));
    await eventually(() => barrier.n_waiting === 2, 'both workers wait at the barrier');
    expect(reportsWith(runners, 'wait')).toHaveLength(0);
    barrier.abort();
    const results = await Promise.all(runners.map((r) => r.report('wait')));
    expect(results.map((r) => !r.ok && r.error)).toEqual(['BrokenBarrierError', 'BrokenBarrierError']);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    expect(barrier.n_waiting).toBe(0);
  });
});
