import { checkCountBound, checkEventFlag, checkJoinWaitsForTaskDone, checkLockExclusion, checkQueueCapacity, cpythonLock } from '../../harness/checkers';
import { checkLinearizability, models, operationsFromHistory } from '../../harness/checkers/linearizability';
import { call, history } from './history-builder';

/** The checkers behind the property claims (spec/properties.ts), on hand-written histories that must pass and must fail. */

const acquire = (actor: string, t0: number, t1: number, value = true) => call(actor, 'acquire', t0, t1, { target: 'L', value });
const release = (actor: string, t0: number, t1: number, error?: string) => call(actor, 'release', t0, t1, { target: 'L', ...(error === undefined ? { value: null } : { error }) });

describe('checkLockExclusion', () => {
  it('passes holds one after the other', () => {
    expect(checkLockExclusion(history(acquire('A', 0, 1), release('A', 2, 3), acquire('B', 1, 4), release('B', 5, 6)), 'L').ok).toBe(true);
  });

  it('fails two holds that overlap with no release in between', () => {
    const j = checkLockExclusion(history(acquire('A', 0, 1), acquire('B', 2, 3), release('A', 5, 6), release('B', 8, 9)), 'L');
    expect(j.ok).toBe(false);
    expect(j.message).toBe('mutual exclusion on L violated: A holds L 1ms–5ms overlaps B holds L 3ms–8ms, and no release could have freed the lock in between');
  });

  it("accepts an overlap that another actor's release explains (any thread may release a Lock)", () => {
    // C's acquire failed and its release freed A's lock; B then took it while A was still in its section.
    const h = history(acquire('A', 0, 1), acquire('C', 1.5, 2, false), release('C', 2.5, 3), acquire('B', 2, 4), release('A', 5, 6, 'RuntimeError'), release('B', 8, 9));
    expect(checkLockExclusion(h, 'L')).toMatchObject({ ok: true });
    expect(checkLockExclusion(h, 'L').message).toContain('1 release(s) of another');
  });

  it('lets a release explain the overlap whichever of the two acquires took effect first', () => {
    // Found by property.lock-exclusive-and-live on asyncio-style tasks: A's acquire took effect
    // before C's release, which freed it; B acquired next and returned first, so B's hold starts
    // before A's although A took the lock first.
    const h = history(acquire('A', 0, 10), release('C', 1, 2), acquire('B', 3, 4), release('B', 11, 12), release('A', 13, 14));
    expect(checkLockExclusion(h, 'L').ok).toBe(true);
  });

  it('does not let a release from before the first acquire explain the overlap', () => {
    const h = history(release('C', 0, 0.5), acquire('A', 1, 2), acquire('B', 3, 4), release('A', 5, 6), release('B', 8, 9));
    expect(checkLockExclusion(h, 'L').ok).toBe(false);
  });

  it('refuses to pass when no acquire succeeded', () => {
    expect(checkLockExclusion(history(acquire('A', 0, 1, false)), 'L').ok).toBe(false);
  });
});

describe('checkCountBound', () => {
  const bound = {
    counted: { f: 'release', target: 'L' },
    by: (o: { f: string; value?: unknown }) => o.f === 'acquire' && o.value === true,
    countedName: 'releases',
    byName: 'acquires',
  };

  it('passes a release for every acquire and a failed extra one', () => {
    expect(checkCountBound(history(acquire('A', 0, 1), release('A', 2, 3), release('A', 4, 5, 'RuntimeError')), bound).ok).toBe(true);
  });

  it('fails a second successful release of one acquire', () => {
    const j = checkCountBound(history(acquire('A', 0, 1), release('A', 2, 3), release('B', 4, 5)), bound);
    expect(j.ok).toBe(false);
    expect(j.message).toBe('releases outnumber acquires: B release(L) → null, 4ms–5ms is success number 2, with only 1 of acquires begun by then');
  });

  it('counts an acquire still running when the release returned: they may have raced', () => {
    expect(checkCountBound(history(acquire('A', 0, 6), release('B', 1, 2)), bound).ok).toBe(true);
  });
});

describe('checkEventFlag', () => {
  const ev = (actor: string, f: string, t0: number, t1: number, value?: boolean) => call(actor, f, t0, t1, { target: 'E', ...(value === undefined ? { value: null } : { value }) });

  it('passes answers that follow the sets and clears', () => {
    const h = history(ev('S', 'set', 0, 1), ev('W', 'wait', 2, 3, true), ev('S', 'clear', 4, 5), ev('W', 'is_set', 6, 7, false));
    expect(checkEventFlag(h, 'E').ok).toBe(true);
  });

  it('fails a wait that timed out while the flag was set throughout', () => {
    const j = checkEventFlag(history(ev('S', 'set', 0, 1), ev('W', 'wait', 2, 9, false)), 'E');
    expect(j.ok).toBe(false);
    expect(j.message).toContain('although the flag was set throughout');
  });

  it('fails True before any set', () => {
    expect(checkEventFlag(history(ev('W', 'is_set', 0, 1, true), ev('S', 'set', 2, 3)), 'E').ok).toBe(false);
  });

  it('accepts either answer while a clear overlaps the read', () => {
    expect(checkEventFlag(history(ev('S', 'set', 0, 1), ev('S', 'clear', 2, 5), ev('W', 'wait', 3, 4, false)), 'E').ok).toBe(true);
    expect(checkEventFlag(history(ev('S', 'set', 0, 1), ev('S', 'clear', 2, 5), ev('W', 'is_set', 3, 4, true)), 'E').ok).toBe(true);
  });
});

describe('checkQueueCapacity', () => {
  const put = (actor: string, t0: number, t1: number, item: number) => call(actor, 'put', t0, t1, { target: 'q', args: { item }, value: null });
  const get = (actor: string, t0: number, t1: number, value: number) => call(actor, 'get', t0, t1, { target: 'q', value });

  it('passes a queue of one that is emptied between puts', () => {
    expect(checkQueueCapacity(history(put('P', 0, 1, 1), get('C', 2, 3, 1), put('P', 2.5, 4, 2)), 'q', 1).ok).toBe(true);
  });

  it('fails a second put that returned into a full queue of one', () => {
    const j = checkQueueCapacity(history(put('P', 0, 1, 1), put('P', 2, 3, 2), get('C', 4, 5, 1)), 'q', 1);
    expect(j.ok).toBe(false);
    expect(j.message).toContain('q (maxsize 1) held 2 items');
  });

  it('has nothing to say about an unbounded queue', () => {
    expect(checkQueueCapacity(history(put('P', 0, 1, 1), put('P', 2, 3, 2)), 'q', 0).ok).toBe(true);
  });
});

describe('checkJoinWaitsForTaskDone', () => {
  const op = (actor: string, f: string, t0: number, t1: number, value: unknown = null) => call(actor, f, t0, t1, { target: 'q', value: value as null });

  it('passes a join that returned after the task_done', () => {
    expect(checkJoinWaitsForTaskDone(history(op('P', 'put', 0, 1), op('C', 'get', 1, 2, 1), op('J', 'join_queue', 3, 8), op('C', 'task_done', 6, 7)), 'q').ok).toBe(true);
  });

  it('fails a join that returned when the queue was empty but the item not done', () => {
    const j = checkJoinWaitsForTaskDone(history(op('P', 'put', 0, 1), op('C', 'get', 1, 2, 1), op('J', 'join_queue', 3, 4), op('C', 'task_done', 6, 7)), 'q');
    expect(j.ok).toBe(false);
    expect(j.message).toContain('1 item(s) put before it began but only 0 task_done');
  });
});

describe('cpythonLock', () => {
  // The history CPython 3.11 produced: B's acquire has taken the OS lock but not yet set the
  // flag when A's attempt fails and A's release raises; B then releases normally.
  const raced = history(acquire('A', 0.2, 0.3), acquire('B', 0.1, 4.5), release('A', 4.4, 4.41), acquire('A', 4.42, 4.43, false), release('A', 4.44, 4.45, 'RuntimeError'), release('B', 4.7, 4.71));

  it("accepts CPython's foreign-release race, which the plain Lock model refuses", () => {
    const ops = operationsFromHistory(raced, 'L');
    expect(checkLinearizability(ops, models.lock).verdict).toBe('not-linearizable');
    expect(checkLinearizability(ops, cpythonLock).verdict).toBe('linearizable');
  });

  it('still refuses a successful release of a free lock', () => {
    const ops = operationsFromHistory(history(acquire('A', 0, 1), release('A', 2, 3), release('B', 4, 5)), 'L');
    expect(checkLinearizability(ops, cpythonLock).verdict).toBe('not-linearizable');
  });

  it('still refuses two acquires without a release between', () => {
    const ops = operationsFromHistory(history(acquire('A', 0, 1), acquire('B', 2, 3), release('A', 4, 5)), 'L');
    expect(checkLinearizability(ops, cpythonLock).verdict).toBe('not-linearizable');
  });
});
