import fc from 'fast-check';
import type { Json, QueueOrder, Scenario } from '../../harness/scenario/model';
import type { HistoryEvent } from '../../harness/scenario/history';
import { checkQueueConservation, checkQueueOrder, checkScenarioQueueOrder, comparePython, pythonEqual } from '../../harness/checkers';
import { call, history } from './history-builder';

const put = (actor: string, item: Json, t0: number, t1: number | null, target = 'q') => call(actor, 'put', t0, t1, { target, args: { item }, value: null });
const get = (actor: string, value: Json, t0: number, t1: number | null, target = 'q') =>
  call(actor, 'get', t0, t1, { target, ...(t1 === null ? {} : { value }) });

describe('FIFO', () => {
  it('passes for one producer and one consumer in order', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), put('P', 3, 4, 5), get('C', 1, 6, 7), get('C', 2, 8, 9), get('C', 3, 10, 11));
    expect(checkQueueOrder(h, 'q', { order: 'fifo', drained: true })).toMatchObject({
      ok: true,
      message: 'FIFO held on q: came out 1, 2, 3; q: nothing lost, invented or duplicated (3 put, 3 got)',
    });
  });

  it('fails when a later put came out first, naming both items', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), get('C', 2, 4, 5), get('C', 1, 6, 7));
    const j = checkQueueOrder(h, 'q', { order: 'fifo' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe(
      'FIFO violated on q: 2 came out in C get(q) → 2, 4ms–5ms, while 1 (put earlier, by P put(q, 1) → null, 0ms–1ms) was still inside; 1 came out in C get(q) → 1, 6ms–7ms',
    );
    expect(j.evidence).toMatchObject({ order: 'fifo', violations: [{ mustLeaveFirst: { item: 1 }, leftFirst: { item: 2 } }] });
  });

  it('fails when a later item came out and the earlier one never did', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), get('C', 2, 4, 5));
    const j = checkQueueOrder(h, 'q', { order: 'fifo' });
    expect(j.ok).toBe(false);
    expect(j.message).toContain('1 never came out');
  });

  it('does not judge that when a get never completed (it may have taken the item)', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), get('X', null, 3.5, null), get('C', 2, 4, 5));
    expect(checkQueueOrder(h, 'q', { order: 'fifo' }).ok).toBe(true);
  });

  it('concurrent puts may come out in either order', () => {
    const h = history(put('P1', 1, 0, 5), put('P2', 2, 1, 4), get('C', 2, 6, 7), get('C', 1, 7, 8));
    expect(checkQueueOrder(h, 'q', { order: 'fifo', drained: true }).ok).toBe(true);
  });

  it('fails an item that came out before it was put', () => {
    const h = history(get('C', 7, 0, 1), put('P', 7, 2, 3));
    const j = checkQueueOrder(h, 'q', { order: 'fifo' });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('FIFO violated on q: 7 came out in C get(q) → 7, 0ms–1ms before it was put in P put(q, 7) → null, 2ms–3ms');
  });

  it('refuses to pass when nothing came out', () => {
    const h = history(put('P', 1, 0, 1), call('C', 'get_nowait', 2, 3, { target: 'q', error: 'Empty' }));
    expect(checkQueueOrder(h, 'q', { order: 'fifo' })).toMatchObject({ ok: false, message: 'FIFO on q: no get returned an item, nothing to judge' });
  });
});

describe('LIFO', () => {
  it('passes: the last item put comes out first', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), put('P', 3, 4, 5), get('C', 3, 6, 7), get('C', 2, 8, 9), get('C', 1, 10, 11));
    expect(checkQueueOrder(h, 'q', { order: 'lifo', drained: true }).ok).toBe(true);
  });

  it('passes when an item left before the next was put', () => {
    const h = history(put('P', 1, 0, 1), get('C', 1, 2, 3), put('P', 2, 4, 5), get('C', 2, 6, 7));
    expect(checkQueueOrder(h, 'q', { order: 'lifo' }).ok).toBe(true);
  });

  it('fails when the older item came out while a newer one was inside', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), get('C', 1, 4, 5), get('C', 2, 6, 7));
    const j = checkQueueOrder(h, 'q', { order: 'lifo' });
    expect(j.ok).toBe(false);
    expect(j.message).toMatch(/^LIFO violated on q: 1 came out in C get\(q\) → 1, 4ms–5ms, while 2 \(put later, by P put\(q, 2\)/);
  });
});

describe('priority', () => {
  it('passes: lowest first, tuples compared lexicographically', () => {
    const h = history(
      put('P', [2, 'b'], 0, 1),
      put('P', [1, 'z'], 2, 3),
      put('P', [2, 'a'], 4, 5),
      get('C', [1, 'z'], 6, 7),
      get('C', [2, 'a'], 8, 9),
      get('C', [2, 'b'], 10, 11),
    );
    expect(checkQueueOrder(h, 'q', { order: 'priority', drained: true }).ok).toBe(true);
  });

  it('fails when a larger item came out while a smaller one was inside', () => {
    const h = history(put('P', 'pear', 0, 1), put('P', 'apple', 2, 3), get('C', 'pear', 4, 5), get('C', 'apple', 6, 7));
    const j = checkQueueOrder(h, 'q', { order: 'priority' });
    expect(j.ok).toBe(false);
    expect(j.message).toMatch(/^priority order violated on q: "pear" came out .* while "apple" \(smaller, put by P put\(q, "apple"\)/);
  });

  it('a smaller item put after the get began constrains nothing', () => {
    const h = history(put('P', 5, 0, 1), get('C', 5, 2, 4), put('P', 1, 3, 3.5), get('C', 1, 5, 6));
    expect(checkQueueOrder(h, 'q', { order: 'priority' }).ok).toBe(true);
  });

  it('takes the discipline from the scenario', () => {
    const scenario: Pick<Scenario, 'objects'> = { objects: { q: { type: 'queue', order: 'priority' }, f: { type: 'queue' } } };
    const h = history(put('P', 3, 0, 1), put('P', 1, 2, 3), get('C', 1, 4, 5), get('C', 3, 6, 7));
    expect(checkScenarioQueueOrder(h, scenario, 'q').ok).toBe(true);
    expect(checkQueueOrder(h, 'q', { order: 'fifo' }).ok).toBe(false);
  });
});

describe('conservation', () => {
  it('lost items fail only when the queue was drained', () => {
    const h = history(put('P', 1, 0, 1), put('P', 2, 2, 3), get('C', 1, 4, 5));
    expect(checkQueueConservation(h, 'q').ok).toBe(true);
    const j = checkQueueConservation(h, 'q', { drained: true });
    expect(j.ok).toBe(false);
    expect(j.message).toBe('items of q not conserved (2 put, 1 got): 2 was put 1 time(s) (P put(q, 2) → null, 2ms–3ms) but came out 0 time(s) though the queue was drained');
  });

  it('duplicated and invented items fail', () => {
    const dup = history(put('P', 'x', 0, 1), get('C', 'x', 2, 3), get('C', 'x', 3, 4));
    expect(checkQueueConservation(dup, 'q').message).toContain('"x" came out 2 times but was put 1 time(s)');
    const invented = history(put('P', 'x', 0, 1), get('C', 'y', 2, 3));
    expect(checkQueueOrder(invented, 'q', { order: 'fifo' }).message).toContain('"y" came out (C get(q) → "y", 2ms–3ms) but was never put');
  });

  it('a failed put inserted nothing; a put that never returned may have', () => {
    const h = history(call('P', 'put_nowait', 0, 1, { target: 'q', args: { item: 'a' }, error: 'Full' }), get('C', 'a', 2, 3));
    expect(checkQueueConservation(h, 'q').ok).toBe(false);
    const maybe = history(put('P', 'a', 0, null), get('C', 'a', 2, 3));
    expect(checkQueueConservation(maybe, 'q', { drained: true }).ok).toBe(true);
  });

  it('identifies items structurally, whatever the key order', () => {
    const h = history(put('P', { a: 1, b: 2 }, 0, 1), get('C', { b: 2, a: 1 }, 2, 3));
    expect(checkQueueConservation(h, 'q', { drained: true }).ok).toBe(true);
  });
});

describe('Python comparison', () => {
  it('orders like Python', () => {
    expect(comparePython(1, 2)).toBeLessThan(0);
    expect(comparePython(true, 2)).toBeLessThan(0);
    expect(comparePython('b', 'a')).toBeGreaterThan(0);
    expect(comparePython('\u{1F600}', '\uFFFF')).toBeGreaterThan(0); // code points, not UTF-16 units
    expect(comparePython([1, 'b'], [1, 'c'])).toBeLessThan(0);
    expect(comparePython([1], [1, 0])).toBeLessThan(0);
    expect(comparePython([1, 'x'], [1, 'x'])).toBe(0);
    expect(comparePython(1, 'a')).toBeUndefined();
    expect(comparePython(null, null)).toBeUndefined();
    expect(comparePython([1, 2], [2, 'a'])).toBeLessThan(0); // decided before the mixed pair
    expect(pythonEqual(1, true)).toBe(true);
  });
});

/** A sequential run of one producer and one consumer against a model queue; times strictly increase. */
function sequentialRun(order: QueueOrder, steps: Array<{ put: boolean; item: number }>): HistoryEvent[] {
  const model: number[] = [];
  const calls: HistoryEvent[][] = [];
  let t = 0;
  const used = new Set<number>();
  for (const step of steps) {
    if (step.put && !used.has(step.item)) {
      used.add(step.item);
      model.push(step.item);
      calls.push(put('P', step.item, t, t + 1));
    } else if (!step.put && model.length > 0) {
      let index = 0;
      if (order === 'lifo') index = model.length - 1;
      if (order === 'priority') index = model.indexOf(Math.min(...model));
      const [item] = model.splice(index, 1);
      calls.push(get('C', item!, t, t + 1));
    }
    t += 2;
  }
  return history(...calls);
}

/** Swaps the values returned by two gets of the history. */
function swapGets(h: HistoryEvent[], i: number, j: number): HistoryEvent[] {
  const gets = h.filter((e) => e.type === 'ok' && e.f === 'get');
  const [a, b] = [gets[i]!, gets[j]!];
  return h.map((e) => (e === a ? { ...e, value: b.value } : e === b ? { ...e, value: a.value } : e));
}

describe('ordering (property)', () => {
  const steps = fc.array(fc.record({ put: fc.boolean(), item: fc.integer({ min: 0, max: 30 }) }), { minLength: 2, maxLength: 40 });

  for (const order of ['fifo', 'lifo', 'priority'] as const) {
    it(`a sequential ${order} run always passes`, () => {
      fc.assert(
        fc.property(steps, (ss) => {
          const h = sequentialRun(order, ss);
          const gets = h.filter((e) => e.type === 'ok' && e.f === 'get').length;
          return gets === 0 || checkQueueOrder(h, 'q', { order }).ok;
        }),
      );
    });
  }

  it('swapping the values of two gets of a sequential FIFO run always fails', () => {
    fc.assert(
      fc.property(steps, fc.nat(), fc.nat(), (ss, x, y) => {
        const h = sequentialRun('fifo', ss);
        const n = h.filter((e) => e.type === 'ok' && e.f === 'get').length;
        fc.pre(n >= 2);
        const i = x % n;
        const j = (i + 1 + (y % (n - 1))) % n;
        return !checkQueueOrder(swapGets(h, i, j), 'q', { order: 'fifo' }).ok;
      }),
    );
  });
});
