import { checkReturnedAfter, checkReturnedBefore, checkWaitedForTimeout } from '../../harness/checkers';
import { call, history } from './history-builder';

describe('blocked until', () => {
  it('passes when the get returned only after the put was invoked', () => {
    const h = history(call('C', 'get', 0, 31, { target: 'q', value: 'x' }), call('P', 'sleep', 0, 30, { args: { units: 3 } }), call('P', 'put', 30, 31, { target: 'q', args: { item: 'x' }, path: [1] }));
    const j = checkReturnedAfter(h, { actor: 'C', f: 'get' }, { op: { actor: 'P', f: 'put' }, at: 'invoke' });
    expect(j).toMatchObject({ ok: true, message: 'C get(q) → "x", 0ms–31ms returned after P put(q, "x") was invoked at 30ms' });
  });

  it('fails when the get returned before the put: it did not block', () => {
    const h = history(call('C', 'get', 0, 2, { target: 'q', value: 'x' }), call('P', 'put', 30, 31, { target: 'q', args: { item: 'x' } }));
    const j = checkReturnedAfter(h, { actor: 'C', f: 'get' }, { op: { actor: 'P', f: 'put' }, at: 'invoke' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('C get(q) → "x", 0ms–2ms returned at 2ms, before P put(q, "x") was invoked at 30ms: it did not block until then');
    expect(j.evidence).toMatchObject({ subject: { actor: 'C', returned: 2 }, reference: { actor: 'P', invoked: 30 }, at: 'invoke' });
  });

  it('fails when the waiter never returned', () => {
    const h = history(call('W', 'wait', 0, null, { target: 'e' }), call('S', 'set', 10, 11, { target: 'e', value: null }));
    const j = checkReturnedAfter(h, { actor: 'W', f: 'wait' }, { op: { actor: 'S', f: 'set' }, at: 'return' });
    expect(j.ok).toBe(false);
    expect(j.message).toContain('it never returned');
  });

  it('equal stamps pass: the clock cannot tell', () => {
    const h = history(call('W', 'wait', 0, 10, { target: 'e', value: true }), call('S', 'set', 10, 10.5, { target: 'e', value: null }));
    expect(checkReturnedAfter(h, { actor: 'W', f: 'wait' }, { op: { actor: 'S', f: 'set' }, at: 'invoke' }).ok).toBe(true);
  });
});

describe('returned at once, relative to another actor', () => {
  it('passes when the wait on a set event returned before the other actor’s sleep ended', () => {
    const h = history(call('W', 'wait', 0, 1, { target: 'e', value: true }), call('S', 'sleep', 0, 50, { args: { units: 5 } }));
    expect(checkReturnedBefore(h, { actor: 'W', f: 'wait' }, { op: { actor: 'S', f: 'sleep' }, at: 'return' }).ok).toBe(true);
  });

  it('fails when it returned only after the sleep ended', () => {
    const h = history(call('W', 'wait', 0, 60, { target: 'e', value: true }), call('S', 'sleep', 0, 50, { args: { units: 5 } }));
    const j = checkReturnedBefore(h, { actor: 'W', f: 'wait' }, { op: { actor: 'S', f: 'sleep' }, at: 'return' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('W wait(e) → true, 0ms–60ms returned at 60ms, after S sleep(5) returned at 50ms: it blocked when it should have returned at once');
  });

  it('reports an ambiguous subject rather than guessing', () => {
    const h = history(call('W', 'wait', 0, 1, { target: 'e', value: true, path: [0] }), call('W', 'wait', 2, 3, { target: 'e', value: true, path: [1] }), call('S', 'sleep', 0, 50));
    const j = checkReturnedBefore(h, { actor: 'W', f: 'wait' }, { op: { actor: 'S' }, at: 'return' });
    expect(j.ok).toBe(false);
    expect(j.message).toMatch(/^subject: 2 operations match W's wait/);
  });
});

describe('timeouts', () => {
  const timed = (took: number | null) => history(call('A', 'acquire', 100, took === null ? null : 100 + took, { target: 'L', args: { timeout: 2 }, value: false }));

  it('passes when a timed-out acquire waited at least its timeout less 10%', () => {
    expect(checkWaitedForTimeout(timed(19), { actor: 'A' }, { timeUnitMs: 10 })).toMatchObject({
      ok: true,
      message: 'A acquire(L, timeout=2) → false, 100ms–119ms waited 19ms for a timeout of 2 units (20ms)',
    });
    expect(checkWaitedForTimeout(timed(250), { actor: 'A' }, { timeUnitMs: 10 }).ok).toBe(true);
  });

  it('fails when it gave up early', () => {
    const j = checkWaitedForTimeout(timed(5), { actor: 'A' }, { timeUnitMs: 10 });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('A acquire(L, timeout=2) → false, 100ms–105ms gave up after 5ms, short of its timeout of 2 units (20ms, at least 18ms allowed)');
    expect(j.evidence).toMatchObject({ tookMs: 5, timeoutMs: 20, minMs: 18 });
  });

  it('fails when it never returned, and against an explicit generous upper bound', () => {
    expect(checkWaitedForTimeout(timed(null), { actor: 'A' }, { timeUnitMs: 10 }).message).toContain('never returned despite a timeout of 2 units');
    expect(checkWaitedForTimeout(timed(250), { actor: 'A' }, { timeUnitMs: 10, atMostUnits: 20 }).ok).toBe(false);
  });

  it('needs a timeout from the op or the caller', () => {
    const h = history(call('A', 'get', 0, 5, { target: 'q', error: 'Empty' }));
    expect(checkWaitedForTimeout(h, { actor: 'A' }, { timeUnitMs: 10 }).ok).toBe(false);
    expect(checkWaitedForTimeout(h, { actor: 'A' }, { timeUnitMs: 10, timeoutUnits: 0.5 }).ok).toBe(true);
  });
});
