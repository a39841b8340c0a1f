import fc from 'fast-check';
import type { Scenario } from '../../harness/scenario/model';
import type { HistoryEvent } from '../../harness/scenario/history';
import {
  checkCriticalSections,
  checkMutualExclusion,
  checkScenarioMutualExclusion,
  holdingIntervals,
  holdSpecFor,
  pairOperations,
} from '../../harness/checkers';
import { call, history, mark } from './history-builder';

const lock = { kind: 'lock', targets: ['L'] } as const;
const rlock = { kind: 'rlock', targets: ['R'] } as const;
const acquire = (actor: string, t0: number, t1: number | null, value: boolean | null = true, target = 'L') =>
  call(actor, 'acquire', t0, t1, { target, ...(value === null ? {} : { value }) });
const release = (actor: string, t0: number, t1: number | null, target = 'L') => call(actor, 'release', t0, t1, { target, value: null });

describe('mutual exclusion on a Lock', () => {
  it('passes when B gets the lock only after A released it', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 2, 7), release('A', 5, 6), release('B', 8, 9));
    expect(checkMutualExclusion(h, lock)).toMatchObject({
      ok: true,
      message: 'mutual exclusion on L: 2 interval(s) by A and B, none overlapping',
    });
  });

  it('fails when B acquired while A still held it, naming both and their times', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 2, 3), release('A', 5, 6), release('B', 8, 9));
    const j = checkMutualExclusion(h, lock);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('mutual exclusion on L violated: A holds L 1ms–5ms overlaps B holds L 3ms–8ms');
    expect(j.evidence).toEqual({
      overlapping: [[{ actor: 'A', label: 'holds L', start: 1, end: 5 }, { actor: 'B', label: 'holds L', start: 3, end: 8 }]],
      notes: [],
    });
  });

  it('an acquire that returned False holds nothing', () => {
    const h = history(acquire('A', 0, 1), call('B', 'acquire', 2, 3, { target: 'L', args: { blocking: false }, value: false }), release('A', 5, 6));
    expect(checkMutualExclusion(h, lock).ok).toBe(true);
  });

  it('a hold never released lasts to the end of the history', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 50, 51));
    const j = checkMutualExclusion(h, lock);
    expect(j.ok).toBe(false);
    expect(j.message).toContain('A holds L 1ms–the end of the history overlaps B holds L 51ms–the end of the history');
  });

  it('a Lock may be released by another actor, which ends the holder’s hold', () => {
    const h = history(acquire('A', 0, 1), release('B', 4, 5), acquire('C', 3, 6), release('C', 7, 8));
    const j = checkMutualExclusion(h, lock);
    expect(j.ok).toBe(true);
    const { holds } = holdingIntervals(pairOperations(h).operations, lock);
    expect(holds[0]).toMatchObject({ actor: 'A', start: 1, end: 4, releasedBy: 'B' });
  });

  it('without that release, C acquiring is a violation', () => {
    const h = history(acquire('A', 0, 1), acquire('C', 3, 6), release('C', 7, 8));
    // C's release ends C's own hold; A's hold stays open and overlaps C's.
    expect(checkMutualExclusion(h, lock).ok).toBe(false);
  });

  it('a release racing an acquire that had not yet returned yields an empty hold, not a false overlap', () => {
    // B releases at 4 a lock A acquired before its acquire call returned at 10.
    const h = history(acquire('A', 0, 10), release('B', 4, 5), acquire('C', 12, 13), release('C', 14, 15));
    const j = checkMutualExclusion(h, lock);
    expect(j.ok).toBe(true);
  });

  it('an ok release with nothing held is noted, not treated as a hold', () => {
    const h = history(release('B', 0, 1), acquire('A', 2, 3), release('A', 4, 5));
    const j = checkMutualExclusion(h, lock);
    expect(j.ok).toBe(true);
    expect(j.message).toContain('note: B released L at 0ms when the history shows nothing held');
  });

  it('refuses to pass vacuously when nothing was ever held', () => {
    const h = history(call('A', 'acquire', 0, 1, { target: 'L', value: false }));
    expect(checkMutualExclusion(h, lock)).toMatchObject({ ok: false, message: 'mutual exclusion on L: no holding intervals recorded, nothing to judge' });
  });

  it('refuses a malformed history', () => {
    const h: HistoryEvent[] = [{ type: 'ok', actor: 'A', f: 'acquire', target: 'L', value: true, time: 1, path: [0] }];
    expect(checkMutualExclusion(h, lock).message).toMatch(/^malformed history: /);
  });
});

describe('mutual exclusion on an RLock', () => {
  it('counts re-entrant acquires: the hold lasts until the last release', () => {
    const h = history(
      acquire('A', 0, 1, true, 'R'),
      acquire('A', 2, 3, true, 'R'),
      release('A', 4, 5, 'R'),
      acquire('B', 4.5, 11, true, 'R'),
      release('A', 10, 10.5, 'R'),
      release('B', 12, 13, 'R'),
    );
    expect(checkMutualExclusion(h, rlock).ok).toBe(true);
    const { holds } = holdingIntervals(pairOperations(h).operations, rlock);
    expect(holds.map((x) => [x.actor, x.start, x.end])).toEqual([
      ['A', 1, 10],
      ['B', 11, 12],
    ]);
  });

  it('fails when B gets in between A’s inner and outer release', () => {
    const h = history(
      acquire('A', 0, 1, true, 'R'),
      acquire('A', 2, 3, true, 'R'),
      release('A', 4, 5, 'R'),
      acquire('B', 4.5, 6, true, 'R'),
      release('A', 10, 10.5, 'R'),
      release('B', 12, 13, 'R'),
    );
    const j = checkMutualExclusion(h, rlock);
    expect(j.ok).toBe(false);
    expect(j.message).toContain('A holds R 1ms–10ms overlaps B holds R 6ms–12ms');
  });

  it('a release by a non-owner (RuntimeError) ends nothing', () => {
    const h = history(
      acquire('A', 0, 1, true, 'R'),
      call('B', 'release', 2, 3, { target: 'R', error: 'RuntimeError' }),
      acquire('B', 4, 5, true, 'R'),
      release('A', 8, 9, 'R'),
    );
    expect(checkMutualExclusion(h, rlock).ok).toBe(false);
  });
});

describe('conditions share their lock, and wait releases it', () => {
  const scenario: Pick<Scenario, 'objects'> = {
    objects: { L: { type: 'lock' }, c: { type: 'condition', lock: 'L' }, own: { type: 'condition' }, s: { type: 'semaphore', value: 2 } },
  };

  it('derives hold rules from the declarations', () => {
    expect(holdSpecFor(scenario, 'c')).toEqual({ kind: 'lock', targets: ['L', 'c'] });
    expect(holdSpecFor(scenario, 'L')).toEqual({ kind: 'lock', targets: ['L', 'c'] });
    expect(holdSpecFor(scenario, 'own')).toEqual({ kind: 'rlock', targets: ['own'] });
    expect(holdSpecFor(scenario, 's')).toEqual({ kind: 'semaphore', targets: ['s'] });
  });

  it('B may hold the lock while A waits on the condition', () => {
    const h = history(
      acquire('A', 0, 1, true, 'c'),
      call('A', 'wait', 2, 10, { target: 'c', value: true }),
      acquire('B', 3, 4, true, 'L'),
      call('B', 'notify', 5, 6, { target: 'c', value: null }),
      release('B', 7, 8, 'L'),
      release('A', 11, 12, 'c'),
    );
    expect(checkScenarioMutualExclusion(h, scenario, 'c').ok).toBe(true);
  });

  it('fails if A’s wait returned while B still held the lock', () => {
    const h = history(
      acquire('A', 0, 1, true, 'c'),
      call('A', 'wait', 2, 6, { target: 'c', value: true }),
      acquire('B', 3, 4, true, 'L'),
      release('B', 7, 8, 'L'),
      release('A', 11, 12, 'c'),
    );
    const j = checkScenarioMutualExclusion(h, scenario, 'c');
    expect(j.ok).toBe(false);
    expect(j.message).toContain('B holds L 4ms–7ms overlaps A holds L 6ms–11ms');
  });
});

describe('critical sections delimited by marks', () => {
  it('passes when the sections are disjoint', () => {
    const h = history(mark('A', 'enter', 1), mark('A', 'exit', 5), mark('B', 'enter', 6), mark('B', 'exit', 9));
    expect(checkCriticalSections(h).ok).toBe(true);
  });

  it('fails when two actors were inside at once', () => {
    const h = history(mark('A', 'in', 1), mark('B', 'in', 3), mark('A', 'out', 5), mark('B', 'out', 9));
    const j = checkCriticalSections(h, { enter: 'in', exit: 'out' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('critical sections in…out violated: A in…out 1ms–5ms overlaps B in…out 3ms–9ms');
  });
});

interface HoldRecord {
  actor: string;
  invoked: number;
  acquired: number;
  releasing: number;
  released: number;
}

/** A correct lock's holds: one after another, each by a random actor whose acquire may have blocked a while. */
function serialHolds(specs: Array<[number, number, number]>): HoldRecord[] {
  const free = new Map<string, number>();
  let t = 0;
  return specs.map(([actorIndex, wait, length]) => {
    const actor = `T${actorIndex}`;
    const acquired = t + 1;
    const invoked = Math.max(free.get(actor) ?? 0, acquired - wait);
    const releasing = acquired + length;
    const released = releasing + 0.5;
    free.set(actor, released);
    t = released;
    return { actor, invoked, acquired, releasing, released };
  });
}

function render(holds: readonly HoldRecord[]): HistoryEvent[] {
  return history(...holds.flatMap((h) => [acquire(h.actor, h.invoked, h.acquired), release(h.actor, h.releasing, h.released)]));
}

describe('mutual exclusion (property)', () => {
  const specs = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 10 })), { minLength: 2, maxLength: 15 });

  it('any serial history of holds passes', () => {
    fc.assert(fc.property(specs, (ss) => checkMutualExclusion(render(serialHolds(ss)), lock).ok));
  });

  it('a hold injected inside another one always fails', () => {
    fc.assert(
      fc.property(specs, fc.nat(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (ss, pick, where) => {
        const holds = serialHolds(ss);
        const host = holds[pick % holds.length]!;
        // A fresh actor X acquires somewhere strictly inside the host's hold.
        const at = host.acquired + where * (host.releasing - host.acquired);
        const intruder: HoldRecord = { actor: 'X', invoked: at - 1, acquired: at, releasing: at + 3, released: at + 4 };
        const j = checkMutualExclusion(render([...holds, intruder]), lock);
        return !j.ok && j.message.includes('violated') && j.message.includes('X holds L');
      }),
    );
  });
});
