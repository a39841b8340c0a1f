import { models } from '../../../harness/checkers/linearizability';
import { call, history } from '../history-builder';
import { check, verdictOf } from './lin-helpers';

const put = (actor: string, item: number | string | boolean, from: number, to: number | null, f = 'put') =>
  call(actor, f, from, to, { target: 'q', args: { item } });
const get = (actor: string, value: number | string | boolean, from: number, to: number | null, f = 'get') =>
  call(actor, f, from, to, { target: 'q', value });
const getEmpty = (actor: string, from: number, to: number) => call(actor, 'get_nowait', from, to, { target: 'q', error: 'Empty' });
const putFull = (actor: string, item: number, from: number, to: number) =>
  call(actor, 'put_nowait', from, to, { target: 'q', args: { item }, error: 'Full' });

describe('FIFO queue', () => {
  it('accepts concurrent enqueues dequeued in either order', () => {
    for (const [first, second] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const h = history(put('A', 1, 0, 10), put('B', 2, 1, 9), get('C', first, 20, 21), get('C', second, 22, 23, 'get'));
      expect(verdictOf(models.fifoQueue, h)).toBe('linearizable');
    }
  });

  it('refuses a dequeue of a value never enqueued, naming it in the window', () => {
    const h = history(put('A', 1, 0, 1), get('B', 7, 2, 3));
    const result = check(models.fifoQueue, h);
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.window.map((op) => op.actor)).toEqual(['A', 'B']);
    expect(result.explanation).toContain('get(q) returned 7');
    expect(result.explanation).toContain('holding [1]');
  });

  it('refuses FIFO order violated by operations that do not overlap', () => {
    const h = history(put('A', 1, 0, 1), put('A', 2, 2, 3), get('B', 2, 4, 5), get('B', 1, 6, 7));
    expect(verdictOf(models.fifoQueue, h)).toBe('not-linearizable');
  });

  it('names the four operations of an order violation between distinct items', () => {
    const h = history(put('A', 1, 0, 1), put('A', 2, 2, 3), get('B', 2, 4, 5), get('C', 1, 6, 7));
    const result = check(models.fifoQueue, h);
    expect(result.verdict).toBe('not-linearizable');
    if (result.verdict !== 'not-linearizable') return;
    expect(result.window.map((op) => op.call)).toEqual([0, 2, 4, 6]);
    expect(result.explanation).toContain('the item put first must come out first');
  });

  it('accepts the reversed gets when the puts overlap', () => {
    const h = history(put('A', 1, 0, 3), put('C', 2, 1, 2), get('B', 2, 4, 5), get('B', 1, 6, 7));
    expect(verdictOf(models.fifoQueue, h)).toBe('linearizable');
  });

  it('refuses an item dequeued twice', () => {
    const h = history(put('A', 1, 0, 1), get('B', 1, 2, 3), get('C', 1, 4, 5));
    expect(verdictOf(models.fifoQueue, h)).toBe('not-linearizable');
  });

  it('places get_nowait raising Empty where the queue was empty', () => {
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 1), getEmpty('B', 2, 3)))).toBe('not-linearizable');
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 3), getEmpty('B', 1, 2)))).toBe('linearizable');
  });

  it('checks qsize and empty against the state', () => {
    const qsize = (v: number, from: number, to: number) => call('C', 'qsize', from, to, { target: 'q', value: v });
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 1), qsize(1, 2, 3)))).toBe('linearizable');
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 1), qsize(0, 2, 3)))).toBe('not-linearizable');
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 4), qsize(0, 2, 3)))).toBe('linearizable');
    const empty = call('C', 'empty', 2, 3, { target: 'q', value: false });
    expect(verdictOf(models.fifoQueue, history(put('A', 1, 0, 1), empty))).toBe('linearizable');
  });
});

describe('LIFO queue', () => {
  it('accepts the last item put coming out first, and refuses FIFO order', () => {
    const puts = [put('A', 1, 0, 1), put('A', 2, 2, 3)];
    expect(verdictOf(models.lifoQueue, history(...puts, get('B', 2, 4, 5), get('B', 1, 6, 7)))).toBe('linearizable');
    expect(verdictOf(models.lifoQueue, history(...puts, get('B', 1, 4, 5), get('B', 2, 6, 7)))).toBe('not-linearizable');
  });
});

describe('priority queue', () => {
  it('returns the smallest item, in Python order', () => {
    const puts = [put('A', 5, 0, 1), put('A', 1, 2, 3), put('A', 3, 4, 5)];
    expect(verdictOf(models.priorityQueue, history(...puts, get('B', 1, 6, 7), get('B', 3, 8, 9), get('B', 5, 10, 11)))).toBe('linearizable');
    expect(verdictOf(models.priorityQueue, history(...puts, get('B', 5, 6, 7)))).toBe('not-linearizable');
  });

  it("breaks ties between equal items as CPython's heapq does", () => {
    // True == 1 in Python: heappush keeps the earlier equal item on top (it moves up only while
    // strictly smaller), so put(1), put(True) gets 1 first. Checked against python3 3.11:
    // q=PriorityQueue(); q.put(1); q.put(True); q.get() -> 1
    const puts = [put('A', 1, 0, 1), put('A', true, 2, 3)];
    expect(verdictOf(models.priorityQueue, history(...puts, get('B', 1, 4, 5), get('B', true, 6, 7)))).toBe('linearizable');
    expect(verdictOf(models.priorityQueue, history(...puts, get('B', true, 4, 5)))).toBe('not-linearizable');
  });

  it('refuses a put of an item Python cannot order against the others', () => {
    expect(verdictOf(models.priorityQueue, history(put('A', 1, 0, 1), put('A', 'x', 2, 3)))).toBe('not-linearizable');
  });
});

describe('bounded queue', () => {
  const model = models.boundedQueue(1);

  it('raises Full only while full', () => {
    expect(verdictOf(model, history(put('A', 1, 0, 1, 'put_nowait'), putFull('B', 2, 2, 3)))).toBe('linearizable');
    expect(verdictOf(model, history(putFull('B', 2, 0, 1)))).toBe('not-linearizable');
    expect(verdictOf(model, history(put('A', 1, 0, 1), get('C', 1, 2, 3), putFull('B', 2, 4, 5)))).toBe('not-linearizable');
  });

  it('lets a blocking put complete only after a get made room', () => {
    const ok = history(put('A', 1, 0, 1), put('B', 2, 2, 10), get('C', 1, 5, 6), get('C', 2, 11, 12));
    expect(verdictOf(model, ok)).toBe('linearizable');
    const tooEarly = history(put('A', 1, 0, 1), put('B', 2, 2, 3), get('C', 1, 5, 6));
    expect(verdictOf(model, tooEarly)).toBe('not-linearizable');
  });

  it('places a timed get raising Empty where the queue was empty', () => {
    const timedOut = call('B', 'get', 2, 12, { target: 'q', args: { timeout: 0.01 }, error: 'Empty' });
    expect(verdictOf(model, history(put('A', 1, 0, 1), timedOut))).toBe('not-linearizable');
    expect(verdictOf(model, history(put('A', 1, 5, 6), timedOut))).toBe('linearizable');
  });

  it('keeps the discipline it is given', () => {
    const lifo = models.boundedQueue(2, models.disciplines.lifo);
    expect(verdictOf(lifo, history(put('A', 1, 0, 1), put('A', 2, 2, 3), get('B', 2, 4, 5)))).toBe('linearizable');
    expect(() => models.boundedQueue(0)).toThrow(RangeError);
  });
});
