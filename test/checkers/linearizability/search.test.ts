import { checkLinearizability, linearizabilityJudgement, models, operationsFromHistory, type LinOperation } from '../../../harness/checkers/linearizability';
import { call, history } from '../history-builder';
import { check, isValidLinearization, verdictOf } from './lin-helpers';

const put = (actor: string, item: number, from: number, to: number | null, target = 'q') => call(actor, 'put', from, to, { target, args: { item } });
const get = (actor: string, value: number, from: number, to: number | null, target = 'q') => call(actor, 'get', from, to, { target, value });

describe('pending operations', () => {
  it('may have taken effect: a put that never returned explains a later get', () => {
    const h = history(put('A', 1, 0, null), get('B', 1, 5, 6));
    const result = check(models.fifoQueue, h);
    expect(result.verdict).toBe('linearizable');
  });

  it('may not have taken effect: a pending get need not have taken the item', () => {
    const h = history(put('A', 1, 0, 1), get('B', 1, 2, null), get('C', 1, 3, 4));
    const result = check(models.fifoQueue, h);
    expect(result).toMatchObject({ verdict: 'linearizable' });
    if (result.verdict === 'linearizable') expect(result.order).toHaveLength(2);
  });

  it('cannot take effect before it was called', () => {
    const h = history(get('B', 1, 0, 1), put('A', 1, 2, null));
    expect(verdictOf(models.fifoQueue, h)).toBe('not-linearizable');
  });

  it('treats info completions as pending', () => {
    const h = history(call('A', 'put', 0, 3, { target: 'q', args: { item: 1 }, outcome: 'info' }), get('B', 1, 5, 6));
    expect(verdictOf(models.fifoQueue, h)).toBe('linearizable');
    expect(operationsFromHistory(h, 'q')[0]?.return).toBe(Infinity);
  });

  it('lets a lock held by an actor cut at the deadline explain a blocked acquire', () => {
    const h = history(
      call('A', 'acquire', 0, 1, { target: 'L', value: true }),
      call('B', 'acquire', 2, null, { target: 'L' }),
      call('A', 'release', 3, null, { target: 'L' }),
    );
    expect(verdictOf(models.lock, h, 'L')).toBe('linearizable');
  });
});

describe('partitioning', () => {
  const twoQueues = history(put('A', 1, 0, 1, 'q1'), put('B', 2, 0, 1, 'q2'), get('C', 2, 2, 3, 'q2'), get('C', 1, 4, 5, 'q1'));

  it('checks several objects one part each and merges their orders respecting real time', () => {
    const ops = operationsFromHistory(twoQueues, ['q1', 'q2']);
    const model = models.keyed(models.fifoQueue);
    const result = checkLinearizability(ops, model);
    expect(result.verdict).toBe('linearizable');
    if (result.verdict !== 'linearizable') return;
    for (const target of ['q1', 'q2']) {
      const part = ops.filter((op) => (op.input as { target: string }).target === target);
      const order = result.order.filter((id) => part.some((op) => op.id === id));
      expect(isValidLinearization(part, models.fifoQueue, order)).toBe(true);
    }
    const byId = new Map(ops.map((op) => [op.id, op]));
    const placed = result.order.map((id) => byId.get(id) as LinOperation);
    placed.forEach((a, i) => placed.slice(i + 1).forEach((b) => expect(b.return >= a.call).toBe(true)));
  });

  it('finds a violation in one part without the others hiding it', () => {
    const bad = history(...[twoQueues], get('D', 1, 6, 7, 'q2'));
    const result = check(models.keyed(models.fifoQueue), bad, ['q1', 'q2']);
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict === 'not-linearizable') expect(result.window.every((op) => (op.input as { target: string }).target === 'q2')).toBe(true);
  });

  it('without partitioning the objects would be one queue, and these gets not linearizable', () => {
    const sequential = history(put('A', 1, 0, 1, 'q1'), put('B', 2, 2, 3, 'q2'), get('C', 2, 4, 5, 'q2'), get('C', 1, 6, 7, 'q1'));
    expect(verdictOf(models.fifoQueue, sequential, ['q1', 'q2'])).toBe('not-linearizable');
    expect(verdictOf(models.keyed(models.fifoQueue), sequential, ['q1', 'q2'])).toBe('linearizable');
  });
});

describe('results', () => {
  it('gives a linearization that the model accepts', () => {
    const h = history(put('A', 1, 0, 10), put('B', 2, 1, 9), get('C', 2, 11, 12), get('C', 1, 13, 14));
    const ops = operationsFromHistory(h, 'q');
    const result = checkLinearizability(ops, models.fifoQueue);
    expect(result.verdict).toBe('linearizable');
    if (result.verdict === 'linearizable') expect(isValidLinearization(ops, models.fifoQueue, result.order)).toBe(true);
  });

  it('keeps the failing window small in a long history', () => {
    const calls = [];
    for (let i = 0; i < 50; i++) calls.push(put('A', i, 4 * i, 4 * i + 1), get('B', i, 4 * i + 2, 4 * i + 3));
    calls.push(put('A', 50, 200, 201), get('B', 99, 202, 203));
    const result = check(models.fifoQueue, history(...calls));
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.window.map((op) => op.call)).toEqual([200, 202]);
    expect(result.explanation).toContain('at most 101 of 102');
  });

  it('gives a judgement whose evidence lists the window', () => {
    const h = history(put('A', 1, 0, 1), get('B', 7, 2, 3));
    const ops = operationsFromHistory(h, 'q');
    const judgement = linearizabilityJudgement(checkLinearizability(ops, models.fifoQueue), models.fifoQueue, ops);
    expect(judgement.ok).toBe(false);
    expect(judgement.evidence).toMatchObject({ linearizable: false, window: [{ actor: 'A' }, { actor: 'B', operation: expect.stringContaining('get(q) returned 7') }] });
  });

  it('returns unknown when the step budget runs out', () => {
    // Many concurrent puts of distinct items and gets in the reverse order: the search must try
    // a great many orders before it can conclude anything.
    const calls = [];
    for (let i = 0; i < 12; i++) calls.push(put(`P${i}`, i, 0, 100));
    for (let i = 0; i < 12; i++) calls.push(get('C', (i * 5) % 12, 200 + 2 * i, 201 + 2 * i));
    calls.push(get('C', 99, 300, 301));
    const result = checkLinearizability(operationsFromHistory(history(...calls), 'q'), models.fifoQueue, { maxSteps: 1000 });
    expect(result).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('1000 search steps') });
  });

  it('refuses operations that are not intervals', () => {
    const op: LinOperation = { id: 0, actor: 'A', input: { f: 'put', args: { item: 1 } }, output: { outcome: 'ok' }, call: 5, return: 1 };
    expect(() => checkLinearizability([op], models.fifoQueue)).toThrow(RangeError);
  });
});
