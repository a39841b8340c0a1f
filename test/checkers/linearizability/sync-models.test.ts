import { models } from '../../../harness/checkers/linearizability';
import { call, history } from '../history-builder';
import { check, verdictOf } from './lin-helpers';

const acquire = (actor: string, from: number, to: number | null, value: boolean = true, args = {}) =>
  call(actor, 'acquire', from, to, { target: 'L', value, args });
const release = (actor: string, from: number, to: number | null, args = {}) => call(actor, 'release', from, to, { target: 'L', args });

describe('lock', () => {
  it('accepts holders that take turns', () => {
    const h = history(acquire('A', 0, 1), release('A', 2, 3), acquire('B', 1, 4), release('B', 5, 6));
    expect(verdictOf(models.lock, h, 'L')).toBe('linearizable');
  });

  it('refuses two overlapping holders, with both acquires in the window', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 2, 3), release('A', 4, 5), release('B', 6, 7));
    const result = check(models.lock, h, 'L');
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.window.map((op) => `${op.actor} ${(op.input as { f: string }).f}`)).toEqual(['A acquire', 'B acquire']);
    expect(result.explanation).toContain('(held)');
  });

  it('places a non-blocking acquire returning false while the lock was held', () => {
    const tryAcquire = (from: number, to: number) => acquire('B', from, to, false, { blocking: false });
    expect(verdictOf(models.lock, history(acquire('A', 0, 1), tryAcquire(2, 3)), 'L')).toBe('linearizable');
    expect(verdictOf(models.lock, history(tryAcquire(0, 1)), 'L')).toBe('not-linearizable');
  });

  it('accepts RuntimeError only for releasing an unheld lock', () => {
    const bad = call('A', 'release', 0, 1, { target: 'L', error: 'RuntimeError' });
    expect(verdictOf(models.lock, history(bad), 'L')).toBe('linearizable');
    expect(verdictOf(models.lock, history(release('A', 0, 1)), 'L')).toBe('not-linearizable');
  });
});

describe('semaphore', () => {
  const acquireS = (actor: string, from: number, to: number | null, value = true) => call(actor, 'acquire', from, to, { target: 'S', value });
  const releaseS = (actor: string, from: number, to: number | null, error?: string) =>
    call(actor, 'release', from, to, { target: 'S', ...(error ? { error } : {}) });

  it('accepts up to N holders at once and refuses N + 1', () => {
    const two = [acquireS('A', 0, 1), acquireS('B', 0, 1)];
    expect(verdictOf(models.semaphore(2), history(...two), 'S')).toBe('linearizable');
    expect(verdictOf(models.semaphore(2), history(...two, acquireS('C', 2, 3)), 'S')).toBe('not-linearizable');
    expect(verdictOf(models.semaphore(2), history(...two, releaseS('A', 2, 3), acquireS('C', 2.5, 4)), 'S')).toBe('linearizable');
  });

  it('lets an unbounded semaphore grow past its initial value, and a bounded one raise ValueError', () => {
    expect(verdictOf(models.semaphore(1), history(releaseS('A', 0, 1)), 'S')).toBe('linearizable');
    expect(verdictOf(models.semaphore(1, true), history(releaseS('A', 0, 1)), 'S')).toBe('not-linearizable');
    expect(verdictOf(models.semaphore(1, true), history(releaseS('A', 0, 1, 'ValueError')), 'S')).toBe('linearizable');
    const releaseTwo = call('A', 'release', 2, 3, { target: 'S', args: { n: 2 } });
    expect(verdictOf(models.semaphore(2, true), history(acquireS('A', 0, 1), releaseTwo), 'S')).toBe('not-linearizable');
  });

  it('places acquire returning false (timeout) where the counter was 0', () => {
    expect(verdictOf(models.semaphore(1), history(acquireS('A', 0, 1), acquireS('B', 2, 3, false)), 'S')).toBe('linearizable');
    expect(verdictOf(models.semaphore(1), history(acquireS('B', 0, 1, false)), 'S')).toBe('not-linearizable');
  });
});

describe('event', () => {
  const op = (actor: string, f: string, from: number, to: number | null, value?: boolean) =>
    call(actor, f, from, to, { target: 'E', ...(value !== undefined ? { value } : {}) });

  it('lets wait return true only after a set could have taken effect', () => {
    expect(verdictOf(models.event, history(op('A', 'set', 0, 1), op('B', 'wait', 2, 3, true)), 'E')).toBe('linearizable');
    expect(verdictOf(models.event, history(op('B', 'wait', 0, 1, true), op('A', 'set', 2, 3)), 'E')).toBe('not-linearizable');
    expect(verdictOf(models.event, history(op('B', 'wait', 0, 5, true), op('A', 'set', 1, 2)), 'E')).toBe('linearizable');
  });

  it('accepts a wait that saw the flag set even though it was cleared before wait returned', () => {
    const h = history(op('A', 'set', 0, 1), op('B', 'wait', 0.5, 10, true), op('A', 'clear', 2, 3), op('C', 'is_set', 4, 5, false));
    expect(verdictOf(models.event, h, 'E')).toBe('linearizable');
  });

  it('refuses is_set disagreeing with the last set or clear', () => {
    expect(verdictOf(models.event, history(op('A', 'set', 0, 1), op('A', 'clear', 2, 3), op('B', 'is_set', 4, 5, true)), 'E')).toBe('not-linearizable');
    expect(verdictOf(models.event, history(op('B', 'wait', 0, 1, false), op('A', 'set', 2, 3), op('B', 'is_set', 4, 5, true)), 'E')).toBe('linearizable');
  });
});
