import { ReferenceImplementation } from '../../harness/adapters/reference/reference';
import { UnsupportedScenarioError } from '../../harness/adapters/reference/thread-executor';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, ObjectDecl, Op, Scenario } from '../../harness/scenario/model';
import { InvalidScenarioError } from '../../harness/scenario/validation-issues';

/**
 * The thread executor on the reference implementation, with real worker threads. Timing is
 * judged from event order and from lower bounds only (two noisy cores).
 */

const UNIT = 10;

function scenario(name: string, objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 5_000): Scenario {
  return { version: 1, name, timeUnitMs: UNIT, deadlineMs, objects, actors };
}

const thread = (name: string, ops: Op[], extra: Partial<Actor> = {}): Actor => ({ name, kind: 'thread', ops, ...extra });

function events(history: HistoryEvent[], actor: string, f?: string): HistoryEvent[] {
  return history.filter((e) => e.actor === actor && (f === undefined || e.f === f));
}

/** Every invoke is followed by exactly one completion of the same actor and op. */
function expectWellFormed(history: HistoryEvent[]): void {
  const open = new Map<string, HistoryEvent>();
  let last = -Infinity;
  for (const e of history) {
    expect(e.time).toBeGreaterThanOrEqual(last);
    last = e.time;
    const pending = open.get(e.actor);
    if (e.type === 'invoke') {
      expect(pending).toBeUndefined();
      open.set(e.actor, e);
    } else {
      expect(pending).toMatchObject({ f: e.f, path: e.path });
      open.delete(e.actor);
    }
  }
  expect([...open.keys()]).toEqual([]);
}

let impl: ReferenceImplementation;

beforeAll(() => {
  impl = new ReferenceImplementation();
});

afterAll(async () => {
  await impl.close();
  expect(impl.workerStats().live).toBe(0);
});

describe('tsx fallback loader', () => {
  it('runs actors whose workers register tsx themselves', async () => {
    const slow = new ReferenceImplementation({ loader: 'tsx' });
    try {
      const r = await slow.runScenario(scenario('tsx', { e: { type: 'event' } }, [thread('a', [{ op: 'set', target: 'e' }, { op: 'is_set', target: 'e' }])]));
      expect(r.status).toBe('completed');
      expect(r.history.filter((e) => e.type === 'ok').map((e) => e.value)).toEqual([null, true]);
      expect(await slow.workerLoading()).toMatchObject({ loader: 'tsx' });
    } finally {
      await slow.close();
    }
    expect(slow.workerStats().live).toBe(0);
  });
});

/** After a run, no worker may be busy: each one is idle in the pool or gone. */
function expectNoBusyWorker(): void {
  const stats = impl.workerStats();
  expect(stats.live).toBe(stats.idle);
}

describe('reference thread executor', () => {
  it('runs a lock scenario: critical sections never overlap and the locked counter is exact', async () => {
    const body: Op[] = [
      { op: 'acquire', target: 'l' },
      { op: 'mark', label: 'enter' },
      { op: 'read', target: 'x', into: 't' },
      { op: 'sleep', units: 2 },
      { op: 'write', target: 'x', value: { reg: 't', add: 1 } },
      { op: 'mark', label: 'exit' },
      { op: 'release', target: 'l' },
    ];
    const r = await impl.runScenario(
      scenario('locked increments', { l: { type: 'lock' }, x: { type: 'cell', initial: 10 } }, ['a', 'b', 'c'].map((n) => thread(n, body))),
    );
    expect(r.status).toBe('completed');
    expect(r.unfinished).toEqual([]);
    expect(r.final.cells).toEqual({ x: 13 });
    expectWellFormed(r.history);
    // Sections from enter-ok to exit-ok, in time order, must not overlap.
    const sections = ['a', 'b', 'c']
      .map((a) => {
        const marks = events(r.history, a, 'mark').filter((e) => e.type === 'ok');
        return { start: marks[0].time, end: marks[1].time };
      })
      .sort((p, q) => p.start - q.start);
    for (let i = 1; i < sections.length; i++) expect(sections[i].start).toBeGreaterThanOrEqual(sections[i - 1].end);
    const acquires = r.history.filter((e) => e.f === 'acquire' && e.type === 'ok');
    expect(acquires.map((e) => e.value)).toEqual([true, true, true]);
    expect(events(r.history, 'a', 'read').find((e) => e.type === 'invoke')).toMatchObject({ target: 'x', args: { into: 't' }, path: [2] });
    expectNoBusyWorker();
  });

  it('lets racy read-sleep-write really race on a cell', async () => {
    const racy: Op[] = [{ op: 'read', target: 'x', into: 't' }, { op: 'sleep', units: 5 }, { op: 'write', target: 'x', value: { reg: 't', add: -1 } }];
    const r = await impl.runScenario(scenario('racy', { x: { type: 'cell', initial: 100 } }, [thread('a', racy), thread('b', racy)]));
    expect(r.status).toBe('completed');
    // Both read before either wrote (they start together and sleep 50 ms in between): one update is lost.
    const reads = r.history.filter((e) => e.f === 'read' && e.type === 'ok');
    const firstWrite = r.history.find((e) => e.f === 'write' && e.type === 'invoke')!;
    expect(reads.every((e) => e.time < firstWrite.time)).toBe(true);
    expect(r.final.cells.x).toBe(99);
  });

  it('ends a deadlock at the deadline with info completions and no worker left behind', async () => {
    const spawnedBefore = impl.workerStats().spawned;
    const r = await impl.runScenario(
      scenario(
        'opposite order',
        { a: { type: 'lock' }, b: { type: 'lock' } },
        [
          thread('t1', [{ op: 'acquire', target: 'a' }, { op: 'sleep', units: 3 }, { op: 'acquire', target: 'b' }, { op: 'release', target: 'b' }]),
          thread('t2', [{ op: 'acquire', target: 'b' }, { op: 'sleep', units: 3 }, { op: 'acquire', target: 'a' }, { op: 'release', target: 'a' }]),
        ],
        300,
      ),
    );
    expect(r.status).toBe('deadline');
    expect(r.unfinished.sort()).toEqual(['t1', 't2']);
    expect(r.durationMs).toBeGreaterThanOrEqual(300);
    const infos = r.history.filter((e) => e.type === 'info');
    expect(infos).toHaveLength(2);
    expect(infos.map((e) => `${e.actor}:${e.f}(${e.target})`).sort()).toEqual(['t1:acquire(b)', 't2:acquire(a)']);
    expect(infos[0].message).toMatch(/deadline/);
    expectWellFormed(r.history);
    // Both deadlocked workers were terminated and have exited: nothing is busy or lost.
    expectNoBusyWorker();
    expect(impl.workerStats().spawned).toBeGreaterThanOrEqual(spawnedBefore);
  });

  it('plays start, join and is_alive between actors with Python semantics', async () => {
    const r = await impl.runScenario(
      scenario('control', {}, [
        thread('main', [
          { op: 'join', actor: 'w' }, // before start: RuntimeError
          { op: 'is_alive', actor: 'w' },
          { op: 'start', actor: 'w' },
          { op: 'is_alive', actor: 'w' },
          { op: 'join', actor: 'w', timeout: 1 }, // times out: w sleeps 8 units
          { op: 'is_alive', actor: 'w' },
          { op: 'join', actor: 'w' },
          { op: 'is_alive', actor: 'w' },
          { op: 'start', actor: 'w' }, // twice: RuntimeError
          { op: 'join', actor: 'main' }, // itself: RuntimeError
        ]),
        thread('w', [{ op: 'sleep', units: 8 }, { op: 'mark', label: 'w-done' }], { start: 'manual' }),
      ]),
    );
    expect(r.status).toBe('completed');
    expectWellFormed(r.history);
    const done = events(r.history, 'main').filter((e) => e.type !== 'invoke');
    expect(done.map((e) => [e.f, e.type, 'value' in e ? e.value : e.error])).toEqual([
      ['join', 'fail', 'RuntimeError'],
      ['is_alive', 'ok', false],
      ['start', 'ok', null],
      ['is_alive', 'ok', true],
      ['join', 'ok', null],
      ['is_alive', 'ok', true],
      ['join', 'ok', null],
      ['is_alive', 'ok', false],
      ['start', 'fail', 'RuntimeError'],
      ['join', 'fail', 'RuntimeError'],
    ]);
    expect(done[0].message).toBe('cannot join thread before it is started');
    expect(done[8].message).toBe('threads can only be started once');
    const wDone = events(r.history, 'w', 'mark').find((e) => e.type === 'ok')!;
    const timedJoin = events(r.history, 'main', 'join').filter((e) => e.type === 'ok');
    // The timed join returned before w finished and waited at least its timeout; the plain join after it.
    expect(timedJoin[0].time).toBeLessThan(wDone.time);
    const timedInvoke = events(r.history, 'main', 'join').filter((e) => e.type === 'invoke')[1];
    expect(timedJoin[0].time - timedInvoke.time).toBeGreaterThanOrEqual(UNIT * 0.9);
    expect(timedJoin[1].time).toBeGreaterThanOrEqual(wDone.time);
  });

  it('stops a daemon actor when every non-daemon actor is done, and never starts an unstarted one', async () => {
    const r = await impl.runScenario(
      scenario('daemon', { e: { type: 'event' } }, [
        thread('d', [{ op: 'repeat', times: 1000, body: [{ op: 'sleep', units: 1 }] }], { daemon: true }),
        thread('main', [{ op: 'sleep', units: 3 }, { op: 'mark', label: 'main-done' }]),
        thread('never', [{ op: 'set', target: 'e' }], { start: 'manual' }),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(r.unfinished).toEqual(['d']);
    expect(events(r.history, 'never')).toEqual([]);
    const info = r.history.filter((e) => e.type === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ actor: 'd', f: 'sleep', message: expect.stringMatching(/daemon/) });
    expect(info[0].path).toEqual([0, expect.any(Number), 0]);
    expectWellFormed(r.history);
    expectNoBusyWorker();
  });

  it('records repeat iterations in paths, queue items and timeouts converted to seconds', async () => {
    const r = await impl.runScenario(
      scenario('queue', { q: { type: 'queue', maxsize: 1 }, l: { type: 'lock' } }, [
        thread('p', [
          { op: 'acquire', target: 'l' },
          { op: 'repeat', times: 2, body: [{ op: 'put', target: 'q', item: { n: [1, 'a'] }, timeout: 2 }] },
          { op: 'sleep', units: 10 },
          { op: 'release', target: 'l' },
        ]),
        thread('c', [
          { op: 'sleep', units: 1 },
          { op: 'acquire', target: 'l', timeout: 3 },
          { op: 'get_nowait', target: 'q' },
          { op: 'get_nowait', target: 'q' },
        ]),
      ]),
    );
    expect(r.status).toBe('completed');
    const puts = events(r.history, 'p', 'put').filter((e) => e.type !== 'invoke');
    expect(puts.map((e) => [e.type, e.error, e.path])).toEqual([
      ['ok', undefined, [1, 0, 0]],
      ['fail', 'Full', [1, 1, 0]],
    ]);
    const [invoke, done] = events(r.history, 'c', 'acquire');
    expect(invoke.args).toEqual({ timeout: 3 });
    expect(done).toMatchObject({ type: 'ok', value: false });
    expect(done.time - invoke.time).toBeGreaterThanOrEqual(3 * UNIT * 0.9);
    const gets = events(r.history, 'c', 'get_nowait').filter((e) => e.type !== 'invoke');
    expect(gets.map((e) => ('value' in e ? e.value : e.error))).toEqual([{ n: [1, 'a'] }, 'Empty']);
    // The failed put waited for its timeout (2 units) before raising Full.
    const [, secondPut] = events(r.history, 'p', 'put').filter((e) => e.type === 'invoke');
    expect(puts[1].time - secondPut.time).toBeGreaterThanOrEqual(2 * UNIT * 0.9);
  });

  it('reuses parked workers between runs instead of starting new threads', async () => {
    const s = scenario('tiny', {}, [thread('a', [{ op: 'mark', label: 'x' }]), thread('b', [{ op: 'mark', label: 'y' }])]);
    await impl.runScenario(s);
    const before = impl.workerStats().spawned;
    for (let i = 0; i < 3; i++) expect((await impl.runScenario(s)).status).toBe('completed');
    expect(impl.workerStats().spawned).toBe(before);
  });

  it('stops at once when the run is aborted', async () => {
    const controller = new AbortController();
    const run = impl.runScenario(scenario('long', { l: { type: 'lock' } }, [thread('a', [{ op: 'sleep', units: 10_000 }])], 60_000), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const r = await run;
    expect(r.status).toBe('crashed');
    expect(r.error).toMatch(/aborted/);
    expect(r.unfinished).toEqual(['a']);
    expect(r.history.filter((e) => e.type === 'info')).toHaveLength(1);
    expectNoBusyWorker();
  });

  it('rejects invalid and unsupported scenarios before starting anything', async () => {
    await expect(impl.runScenario({ ...scenario('bad', {}, [thread('a', [])]), timeUnitMs: 0 })).rejects.toThrow(InvalidScenarioError);
    // Process actors go to the process executor, which runs processes only: a mix is refused.
    await expect(impl.runScenario(scenario('mixed', {}, [thread('a', []), { name: 'p', kind: 'process', ops: [] }]))).rejects.toThrow(UnsupportedScenarioError);
  });

  it('runs 100 actors on 100 threads and returns every one of them to the pool', async () => {
    const body: Op[] = [{ op: 'acquire', target: 'l' }, { op: 'read', target: 'x', into: 't' }, { op: 'write', target: 'x', value: { reg: 't', add: 1 } }, { op: 'release', target: 'l' }];
    const actors = Array.from({ length: 100 }, (_, i) => thread(`t${i}`, body));
    const r = await impl.runScenario(scenario('hundred', { l: { type: 'lock' }, x: { type: 'cell' } }, actors, 30_000));
    expect(r.status).toBe('completed');
    expect(r.final.cells.x).toBe(100);
    expect(new Set(r.history.map((e) => e.actor)).size).toBe(100);
    expectNoBusyWorker();
    expect(impl.workerStats().live).toBeGreaterThanOrEqual(100);
  });

  it('loads worker code from a bundle, not through tsx in every worker', async () => {
    expect(await impl.workerLoading()).toMatchObject({ loader: 'bundle' });
  });

  it('declares its capabilities', () => {
    for (const c of ['threads', 'cell', 'lock', 'rlock', 'semaphore', 'event', 'condition', 'barrier', 'queue'] as const) {
      expect(impl.capabilities.has(c)).toBe(true);
    }
    expect(impl.capabilities.has('processes')).toBe(true);
    expect(impl.capabilities.has('gil')).toBe(false);
  });
});
