import { binding as aio } from '../../harness/adapters/tasks/aio-binding';
import { TaskExecutor } from '../../harness/adapters/tasks/task-executor';
import type { TaskBinding } from '../../harness/adapters/tasks/task-binding';
import { UnsupportedScenarioError } from '../../harness/adapters/reference/thread-executor';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, ObjectDecl, Op, Scenario } from '../../harness/scenario/model';
import { InvalidScenarioError } from '../../harness/scenario/validation-issues';

/**
 * The task executor on the reference's asyncio flavour, run on this test's own event loop.
 * Timing is judged from event order and from lower bounds only.
 */

const UNIT = 10;

function scenario(name: string, objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 3_000): Scenario {
  return { version: 1, name, timeUnitMs: UNIT, deadlineMs, objects, actors };
}

const task = (name: string, ops: Op[], extra: Partial<Actor> = {}): Actor => ({ name, kind: 'task', ops, ...extra });

function events(history: HistoryEvent[], actor: string, f?: string): HistoryEvent[] {
  return history.filter((e) => e.actor === actor && (f === undefined || e.f === f));
}

/** Times never go backwards and every invoke is followed by exactly one completion of the same actor and op. */
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

const executor = new TaskExecutor(aio);

describe('task executor', () => {
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
    const r = await executor.run(scenario('locked increments', { l: { type: 'lock' }, x: { type: 'cell', initial: 10 } }, ['a', 'b', 'c'].map((n) => task(n, body))));
    expect(r.status).toBe('completed');
    expect(r.unfinished).toEqual([]);
    expect(r.final.cells).toEqual({ x: 13 });
    expectWellFormed(r.history);
    const sections = ['a', 'b', 'c']
      .map((a) => {
        const marks = events(r.history, a, 'mark').filter((e) => e.type === 'ok');
        return { start: marks[0].time, end: marks[1].time };
      })
      .sort((p, q) => p.start - q.start);
    for (let i = 1; i < sections.length; i++) expect(sections[i].start).toBeGreaterThanOrEqual(sections[i - 1].end);
    expect(events(r.history, 'a', 'read').find((e) => e.type === 'invoke')).toMatchObject({ target: 'x', args: { into: 't' }, path: [2] });
  });

  it('sleeps cooperatively: tasks that read, sleep and write lose an update', async () => {
    const racy: Op[] = [{ op: 'read', target: 'x', into: 't' }, { op: 'sleep', units: 3 }, { op: 'write', target: 'x', value: { reg: 't', add: -1 } }];
    const r = await executor.run(scenario('racy', { x: { type: 'cell', initial: 100 } }, [task('a', racy), task('b', racy)]));
    expect(r.status).toBe('completed');
    const reads = r.history.filter((e) => e.f === 'read' && e.type === 'ok');
    const firstWrite = r.history.find((e) => e.f === 'write' && e.type === 'invoke')!;
    expect(reads.every((e) => e.time < firstWrite.time)).toBe(true);
    expect(r.final.cells.x).toBe(99);
    const sleeps = r.history.filter((e) => e.f === 'sleep' && e.type === 'ok');
    for (const s of sleeps) expect(s.time - events(r.history, s.actor, 'sleep')[0].time).toBeGreaterThanOrEqual(3 * UNIT * 0.9);
  });

  it('abandons blocked tasks at the deadline and completes their invocations with info', async () => {
    const r = await executor.run(
      scenario(
        'opposite order',
        { a: { type: 'lock' }, b: { type: 'lock' } },
        [
          task('t1', [{ op: 'acquire', target: 'a' }, { op: 'sleep', units: 3 }, { op: 'acquire', target: 'b' }, { op: 'release', target: 'b' }]),
          task('t2', [{ op: 'acquire', target: 'b' }, { op: 'sleep', units: 3 }, { op: 'acquire', target: 'a' }, { op: 'release', target: 'a' }]),
        ],
        300,
      ),
    );
    expect(r.status).toBe('deadline');
    expect(r.unfinished.sort()).toEqual(['t1', 't2']);
    expect(r.durationMs).toBeGreaterThanOrEqual(300);
    const infos = r.history.filter((e) => e.type === 'info');
    expect(infos.map((e) => `${e.actor}:${e.f}(${e.target})`).sort()).toEqual(['t1:acquire(b)', 't2:acquire(a)']);
    expect(infos[0].message).toMatch(/deadline/);
    expectWellFormed(r.history);
  });

  it('performs and records nothing more for an abandoned task once the run is over', async () => {
    const calls: string[] = [];
    const spy: TaskBinding = { ...aio, invoke: (object, decl, op, time) => (calls.push(op.op), aio.invoke(object, decl, op, time)) };
    const r = await new TaskExecutor(spy).run(
      scenario('sleeper', { e: { type: 'event' } }, [task('slow', [{ op: 'sleep', units: 10 }, { op: 'set', target: 'e' }])], 30),
    );
    expect(r.status).toBe('deadline');
    expect(r.history.map((e) => `${e.type}:${e.f}`)).toEqual(['invoke:sleep', 'info:sleep']);
    // The sleep is woken when the run ends; the task must then stop instead of going on to `set`.
    await new Promise((resolve) => setTimeout(resolve, 10 * UNIT + 50));
    expect(calls).toEqual([]);
  });

  it('plays start, join and is_alive between tasks with Python semantics', async () => {
    const r = await executor.run(
      scenario('control', {}, [
        task('main', [
          { op: 'join', actor: 'w' },
          { op: 'is_alive', actor: 'w' },
          { op: 'start', actor: 'w' },
          { op: 'is_alive', actor: 'w' },
          { op: 'join', actor: 'w', timeout: 1 },
          { op: 'is_alive', actor: 'w' },
          { op: 'join', actor: 'w' },
          { op: 'is_alive', actor: 'w' },
          { op: 'start', actor: 'w' },
          { op: 'join', actor: 'main' },
        ]),
        task('w', [{ op: 'sleep', units: 8 }, { op: 'mark', label: 'w-done' }], { start: 'manual' }),
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
    const wDone = events(r.history, 'w', 'mark').find((e) => e.type === 'ok')!;
    const joins = events(r.history, 'main', 'join');
    const timedInvoke = joins.filter((e) => e.type === 'invoke')[1];
    const [timedReturn, plainReturn] = joins.filter((e) => e.type === 'ok');
    expect(timedReturn.time).toBeLessThan(wDone.time);
    expect(timedReturn.time - timedInvoke.time).toBeGreaterThanOrEqual(UNIT * 0.9);
    expect(plainReturn.time).toBeGreaterThanOrEqual(wDone.time);
  });

  it('stops a daemon task when every other task is done, and never starts an unstarted one', async () => {
    const r = await executor.run(
      scenario('daemon', { e: { type: 'event' } }, [
        task('d', [{ op: 'repeat', times: 1000, body: [{ op: 'sleep', units: 1 }] }], { daemon: true }),
        task('main', [{ op: 'sleep', units: 3 }, { op: 'mark', label: 'main-done' }]),
        task('never', [{ op: 'set', target: 'e' }], { start: 'manual' }),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(r.unfinished).toEqual(['d']);
    expect(events(r.history, 'never')).toEqual([]);
    const info = r.history.filter((e) => e.type === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ actor: 'd', f: 'sleep', message: expect.stringMatching(/daemon/) });
    expect(info[0].path.slice(1)).toHaveLength(2);
    expectWellFormed(r.history);
  });

  it('records an op that raises as fail and goes on; marks carry register values', async () => {
    const r = await executor.run(
      scenario('errors', { q: { type: 'queue', maxsize: 1 }, x: { type: 'cell', initial: 7 } }, [
        task('main', [
          { op: 'get', target: 'q', block: false },
          { op: 'put', target: 'q', item: 'a' },
          { op: 'put', target: 'q', item: 'b', timeout: 2 },
          { op: 'read', target: 'x', into: 'r' },
          { op: 'mark', label: 'seen', value: { reg: 'r', add: 1 } },
          { op: 'mark', label: 'literal', value: 'text' },
          { op: 'get', target: 'q' },
        ]),
      ]),
    );
    expect(r.status).toBe('completed');
    const done = events(r.history, 'main').filter((e) => e.type !== 'invoke');
    expect(done.map((e) => (e.type === 'ok' ? e.value : e.error))).toEqual(['Empty', null, 'Full', 7, 8, 'text', 'a']);
    const put = events(r.history, 'main', 'put');
    expect(put[3].time - put[2].time).toBeGreaterThanOrEqual(2 * UNIT * 0.9);
  });

  it('takes the branch of `when` that the register selects, recording the branch in the path', async () => {
    const r = await executor.run(
      scenario('when', { x: { type: 'cell', initial: 2 } }, [
        task('main', [
          { op: 'read', target: 'x', into: 'v' },
          { op: 'when', value: { reg: 'v' }, equals: 2, then: [{ op: 'mark', label: 'two' }], else: [{ op: 'mark', label: 'other' }] },
          { op: 'when', value: { reg: 'v' }, equals: 3, then: [{ op: 'mark', label: 'three' }] },
        ]),
      ]),
    );
    expect(r.status).toBe('completed');
    expect(r.history.filter((e) => e.type === 'invoke' && e.f === 'mark').map((e) => [e.args?.label, e.path])).toEqual([['two', [1, 0, 0]]]);
  });

  it('runs conditions and barriers of the asyncio flavour', async () => {
    const r = await executor.run(
      scenario('condition and barrier', { c: { type: 'condition' }, b: { type: 'barrier', parties: 2 } }, [
        task('waiter', [{ op: 'acquire', target: 'c' }, { op: 'wait', target: 'c' }, { op: 'release', target: 'c' }, { op: 'wait', target: 'b' }]),
        task('notifier', [{ op: 'sleep', units: 2 }, { op: 'notify', target: 'c' }, { op: 'acquire', target: 'c' }, { op: 'notify', target: 'c' }, { op: 'release', target: 'c' }, { op: 'wait', target: 'b' }]),
      ]),
    );
    expect(r.status).toBe('completed');
    const notify = events(r.history, 'notifier', 'notify').filter((e) => e.type !== 'invoke');
    expect(notify.map((e) => e.error ?? e.value)).toEqual(['RuntimeError', null]);
    expect(events(r.history, 'waiter', 'wait').filter((e) => e.type === 'ok').map((e) => e.value)[0]).toBe(true);
    const indexes = r.history.filter((e) => e.target === 'b' && e.type === 'ok').map((e) => e.value);
    expect([...indexes].sort()).toEqual([0, 1]);
  });

  it('ends the run as crashed when aborted', async () => {
    const controller = new AbortController();
    const running = executor.run(scenario('forever', { e: { type: 'event' } }, [task('w', [{ op: 'wait', target: 'e' }])], 10_000), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const r = await running;
    expect(r).toMatchObject({ status: 'crashed', error: 'the run was aborted', unfinished: ['w'] });
    expect(r.history.map((e) => e.type)).toEqual(['invoke', 'info']);
  });

  it('refuses thread actors, unknown object types and invalid scenarios', async () => {
    await expect(executor.run(scenario('threads', {}, [{ name: 't', kind: 'thread', ops: [] }]))).rejects.toBeInstanceOf(UnsupportedScenarioError);
    await expect(executor.run(scenario('rlock', { r: { type: 'rlock' } }, [task('t', [])]))).rejects.toThrow(/rlock, which reference-aio does not provide/);
    await expect(executor.run({ ...scenario('bad', {}, [task('t', [])]), deadlineMs: -1 })).rejects.toBeInstanceOf(InvalidScenarioError);
  });

  it('reports a binding that cannot create an object as a crashed run', async () => {
    const refusing: TaskBinding = { ...aio, create: () => { throw new Error('no such thing'); } };
    const r = await new TaskExecutor(refusing).run(scenario('refused', { l: { type: 'lock' }, x: { type: 'cell', initial: 3 } }, [task('t', [])]));
    expect(r).toMatchObject({ status: 'crashed', final: { cells: { x: 3 } }, error: expect.stringMatching(/creating the shared objects failed: Error: no such thing/) });
  });
});
