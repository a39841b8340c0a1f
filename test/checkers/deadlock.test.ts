import fc from 'fast-check';
import type { Actor, Scenario } from '../../harness/scenario/model';
import { checkDeadlocked, checkNoDeadlock, pairOperations, waitForGraph } from '../../harness/checkers';
import { call, history, result } from './history-builder';

const actor = (name: string, start: Actor['start'] = 'auto'): Actor => ({ name, kind: 'thread', start, ops: [] });
const scenario = (objects: Scenario['objects'], ...actors: Actor[]): Pick<Scenario, 'objects' | 'actors'> => ({ objects, actors });
const acquire = (a: string, lock: string, t0: number, t1: number | null) => call(a, 'acquire', t0, t1, { target: lock, ...(t1 === null ? {} : { value: true }) });

describe('lock-order deadlock', () => {
  const s = scenario({ lock1: { type: 'lock' }, lock2: { type: 'lock' } }, actor('A'), actor('B'));
  const h = history(
    acquire('A', 'lock1', 0, 1),
    acquire('B', 'lock2', 0, 1),
    call('A', 'sleep', 1, 11, { args: { units: 1 } }),
    call('B', 'sleep', 1, 11, { args: { units: 1 } }),
    acquire('A', 'lock2', 11, null),
    acquire('B', 'lock1', 11, null),
  );

  it('finds the cycle and says who waits for whom', () => {
    const j = checkDeadlocked(result('deadline', h, ['A', 'B']), s);
    expect(j.ok).toBe(true);
    expect(j.message).toBe('deadlock: A waits for lock2 held by B; B waits for lock1 held by A');
    expect(j.evidence).toMatchObject({
      status: 'deadline',
      cycles: [
        [
          { from: 'A', to: 'B', text: 'A waits for lock2 held by B' },
          { from: 'B', to: 'A', text: 'B waits for lock1 held by A' },
        ],
      ],
      running: [],
    });
  });

  it('checkNoDeadlock fails with the same diagnosis', () => {
    const j = checkNoDeadlock(result('deadline', h, ['A', 'B']), s);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('the run hit its deadline: deadlock: A waits for lock2 held by B; B waits for lock1 held by A');
  });

  it('a completed run is not a deadlock', () => {
    const done = history(acquire('A', 'lock1', 0, 1), call('A', 'release', 2, 3, { target: 'lock1' }));
    expect(checkDeadlocked(result('completed', done), s)).toMatchObject({ ok: false, message: 'expected a deadlock, but the run completed' });
    expect(checkNoDeadlock(result('completed', done), s).ok).toBe(true);
  });
});

describe('other wait-for shapes', () => {
  it('a Lock acquired twice by the same actor waits for itself', () => {
    const s = scenario({ L: { type: 'lock' } }, actor('A'));
    const h = history(acquire('A', 'L', 0, 1), acquire('A', 'L', 2, null));
    expect(checkDeadlocked(result('deadline', h, ['A']), s).message).toBe('deadlock: A waits for L held by A');
  });

  it('an RLock and a join close a cycle', () => {
    const s = scenario({ R: { type: 'rlock' } }, actor('main'), actor('W', 'manual'));
    const h = history(
      acquire('main', 'R', 0, 1),
      acquire('main', 'R', 1.5, 2),
      call('main', 'start', 3, 4, { target: 'W', value: null }),
      call('main', 'join', 5, null, { target: 'W' }),
      acquire('W', 'R', 4, null),
    );
    const j = checkDeadlocked(result('deadline', h, ['main', 'W']), s);
    expect(j.message).toBe('deadlock: W waits for R held by main; main waits for W to finish (join)');
  });

  it('a lock released by another actor no longer counts as held by its acquirer', () => {
    const s = scenario({ L: { type: 'lock' }, q: { type: 'queue' } }, actor('A'), actor('B'), actor('C'));
    const h = history(
      acquire('A', 'L', 0, 1),
      call('B', 'release', 2, 3, { target: 'L' }),
      acquire('C', 'L', 4, 5),
      acquire('A', 'L', 6, null),
      call('C', 'get', 6, null, { target: 'q' }),
    );
    const graph = waitForGraph(pairOperations(h).operations, s, ['A', 'C']);
    expect(graph.edges.map((e) => e.text)).toEqual(['A waits for L held by C']);
    expect(graph.actors['B']).toEqual({ state: 'finished' });
    const j = checkDeadlocked(result('deadline', h, ['A', 'C']), s);
    expect(j.message).toBe('all actors blocked (no cycle through locks): A waits for L held by C; C is blocked on q (anyone could release it)');
  });

  it('a condition acquire waits for the holder of the condition’s lock', () => {
    const s = scenario({ L: { type: 'lock' }, c: { type: 'condition', lock: 'L' } }, actor('A'), actor('B'));
    // A holds L through the condition and joins B, which waits for L.
    const h = history(acquire('A', 'c', 0, 1), acquire('B', 'L', 2, null), call('A', 'join', 3, null, { target: 'B' }));
    expect(checkDeadlocked(result('deadline', h, ['A', 'B']), s).message).toBe('deadlock: A waits for B to finish (join); B waits for L held by A');
  });
});

describe('no cycle', () => {
  const s = scenario({ q: { type: 'queue' }, e: { type: 'event' } }, actor('A'), actor('B'), actor('C'));

  it('everyone blocked on queues and events: all actors blocked, unless a cycle is required', () => {
    const h = history(call('A', 'get', 0, null, { target: 'q' }), call('B', 'wait', 0, null, { target: 'e' }));
    const r = result('deadline', h, ['A', 'B']);
    const j = checkDeadlocked(r, s);
    expect(j.ok).toBe(true);
    expect(j.message).toBe('all actors blocked (no cycle through locks): A is blocked on q (anyone could release it); B is blocked on e (anyone could release it)');
    const strict = checkDeadlocked(r, s, { requireCycle: true });
    expect(strict.ok).toBe(false);
    expect(strict.message).toMatch(/^expected a deadlock with a cycle, found all actors blocked/);
  });

  it('an actor still sleeping at the deadline means no deadlock was shown', () => {
    const h = history(call('A', 'get', 0, null, { target: 'q' }), call('C', 'sleep', 0, null, { args: { units: 100 } }));
    const j = checkDeadlocked(result('deadline', h, ['A', 'C']), s);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('expected a deadlock, found no deadlock: C (in sleep(100)) still running; A is blocked on q (anyone could release it)');
  });
});

describe('deadlock (property)', () => {
  it('a ring of n actors, each holding lock i and wanting lock i+1, is one cycle of n edges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), (n, rotate) => {
        const names = Array.from({ length: n }, (_, i) => `T${i}`);
        const objects: Scenario['objects'] = Object.fromEntries(names.map((_, i) => [`L${i}`, { type: 'lock' as const }]));
        const order = names.map((_, i) => names[(i + rotate) % n]!);
        const h = history(
          ...order.map((a) => acquire(a, `L${a.slice(1)}`, 0, 1)),
          ...order.map((a) => acquire(a, `L${(Number(a.slice(1)) + 1) % n}`, 2, null)),
        );
        const j = checkDeadlocked(result('deadline', h, names), scenario(objects, ...names.map((a) => actor(a))));
        const cycles = (j.evidence as { cycles: unknown[][] }).cycles;
        return j.ok && cycles.length === 1 && cycles[0]!.length === n && j.message.startsWith('deadlock: T0 waits for');
      }),
    );
  });
});
