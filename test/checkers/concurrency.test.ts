import fc from 'fast-check';
import type { Scenario } from '../../harness/scenario/model';
import {
  checkConcurrency,
  checkHolderConcurrency,
  checkMarkedConcurrency,
  checkSemaphoreConcurrency,
  concurrencyProfile,
  type Interval,
} from '../../harness/checkers';
import { call, history, mark } from './history-builder';

const scenario: Pick<Scenario, 'objects'> = { objects: { s: { type: 'semaphore', value: 2 }, b: { type: 'bounded-semaphore' }, L: { type: 'lock' } } };
const acquire = (actor: string, t0: number, t1: number | null, target = 's') => call(actor, 'acquire', t0, t1, { target, value: true });
const release = (actor: string, t0: number, t1: number | null, target = 's', n?: number) =>
  call(actor, 'release', t0, t1, { target, value: null, ...(n ? { args: { n } } : {}) });

describe('Semaphore(2) holders', () => {
  it('passes: A and B together, C only after one left', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 0, 2), acquire('C', 0, 11), release('A', 10, 10.5), release('B', 12, 13), release('C', 14, 15));
    const j = checkSemaphoreConcurrency(h, scenario, 's');
    expect(j.ok).toBe(true);
    expect(j.message).toBe('holders of s: at most 2 open at once (first at 2ms: A holds s 1ms–10ms; B holds s 2ms–12ms)');
  });

  it('fails with three holders at once, naming them', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 0, 2), acquire('C', 0, 3), release('A', 10, 10.5), release('B', 12, 13), release('C', 14, 15));
    const j = checkSemaphoreConcurrency(h, scenario, 's');
    expect(j.ok).toBe(false);
    expect(j.message).toBe('holders of s: more than 2 at once: 3 holders of s were open at 3ms (A holds s 1ms–10ms, B holds s 2ms–12ms and C holds s 3ms–14ms)');
    expect(j.evidence).toMatchObject({ max: 3, reachedAt: 3 });
  });

  it('fails when the limit was never reached (the semaphore behaved like a lock)', () => {
    const h = history(acquire('A', 0, 1), release('A', 5, 6), acquire('B', 0, 6), release('B', 8, 9));
    const j = checkSemaphoreConcurrency(h, scenario, 's');
    expect(j.ok).toBe(false);
    expect(j.message).toMatch(/^holders of s: 2 at once was never reached: at most 1 open at once/);
    expect(checkSemaphoreConcurrency(h, scenario, 's', { atMost: 2 }).ok).toBe(true);
  });

  it('release(n) ends n holds, whoever releases', () => {
    const h = history(acquire('A', 0, 1), acquire('B', 0, 2), release('M', 5, 6, 's', 2), acquire('C', 0, 7), acquire('D', 0, 8), release('M', 9, 10, 's', 2));
    expect(checkSemaphoreConcurrency(h, scenario, 's').ok).toBe(true);
  });

  it('defaults to a value of 1 and refuses non-semaphores', () => {
    const h = history(acquire('A', 0, 1, 'b'), release('A', 2, 3, 'b'), acquire('B', 0, 4, 'b'), release('B', 5, 6, 'b'));
    expect(checkSemaphoreConcurrency(h, scenario, 'b').ok).toBe(true);
    expect(checkSemaphoreConcurrency(h, scenario, 'L')).toMatchObject({ ok: false, message: 'L is not a semaphore in this scenario' });
  });

  it('works on holders of any lock-like object', () => {
    const h = history(acquire('A', 0, 1, 'L'), release('A', 2, 3, 'L'));
    expect(checkHolderConcurrency(h, { kind: 'lock', targets: ['L'] }, { atMost: 1, reaches: 1 }).ok).toBe(true);
  });
});

describe('marked concurrency', () => {
  it('three workers inside at once', () => {
    const h = history(mark('A', 'start', 1), mark('B', 'start', 2), mark('C', 'start', 3), mark('A', 'end', 10), mark('B', 'end', 10), mark('C', 'end', 10));
    expect(checkMarkedConcurrency(h, { enter: 'start', exit: 'end' }, { reaches: 3 }).ok).toBe(true);
    const j = checkMarkedConcurrency(h, { enter: 'start', exit: 'end' }, { atMost: 2 });
    expect(j.ok).toBe(false);
    expect(j.message).toContain('3 start…end intervals were open at 3ms');
  });
});

const intervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 })).map(([start, length]): Interval => ({ actor: 'T', label: 'x', start, end: start + length })),
  { minLength: 1, maxLength: 20 },
);

describe('concurrency (property)', () => {
  it('the peak equals the most intervals open at any half-integer instant (ends are exclusive)', () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        let brute = 0;
        for (let t = 0; t <= 80; t += 0.5) brute = Math.max(brute, xs.filter((x) => x.start <= t && t < x.end).length);
        return concurrencyProfile(xs).max === brute;
      }),
    );
  });

  it('the bounds agree with the peak', () => {
    fc.assert(
      fc.property(intervals, fc.integer({ min: 1, max: 10 }), (xs, n) => {
        const max = concurrencyProfile(xs).max;
        return checkConcurrency(xs, { atMost: n }).ok === max <= n && checkConcurrency(xs, { reaches: n }).ok === max >= n;
      }),
    );
  });
});
