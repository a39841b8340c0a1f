// Single-thread semantics of Queue, LifoQueue, PriorityQueue and JoinableQueue, plus the
// Python ordering used by PriorityQueue. Expected outcomes are what CPython 3.11 prints.
import {
  CapacityError,
  Empty,
  Full,
  JoinableQueue,
  LifoQueue,
  PriorityQueue,
  Queue,
  ValueError,
  pythonEquals,
  pythonLessThan,
} from '../../impl';
import { errorOf } from './helpers/error-of';

function drain<T>(q: Queue<T>): T[] {
  const out: T[] = [];
  while (!q.empty()) out.push(q.get_nowait());
  return out;
}

describe('Queue (FIFO)', () => {
  test('CPython corner cases of Queue(1)', () => {
    const q = new Queue<number>(1);
    expect(errorOf(() => q.get(false))).toEqual({ name: 'Empty', message: '' });
    expect(errorOf(() => q.get(true, 0))).toEqual({ name: 'Empty', message: '' });
    expect(errorOf(() => q.get(true, -1))).toEqual({ name: 'ValueError', message: "'timeout' must be a non-negative number" });
    expect(errorOf(() => q.get(false, -1))?.name).toBe('Empty'); // non-blocking ignores the timeout
    expect(errorOf(() => q.get(true, 0.02))?.name).toBe('Empty');
    q.put(1);
    expect(errorOf(() => q.put(2, false))).toEqual({ name: 'Full', message: '' });
    expect(errorOf(() => q.put(2, true, 0))?.name).toBe('Full');
    expect(errorOf(() => q.put(2, true, 0.02))?.name).toBe('Full');
    expect(errorOf(() => q.put(2, true, -1))).toEqual({ name: 'ValueError', message: "'timeout' must be a non-negative number" });
    expect(() => q.put_nowait(3)).toThrow(Full);
    q.task_done();
    expect(errorOf(() => q.task_done())).toEqual({ name: 'ValueError', message: 'task_done() called too many times' });
    expect([q.full(), q.qsize(), q.empty()]).toEqual([true, 1, false]);
    expect(q.get_nowait()).toBe(1);
    expect(() => q.get_nowait()).toThrow(Empty);
    expect([q.full(), q.qsize(), q.empty()]).toEqual([false, 0, true]);
  });

  test('unbounded queues never check put timeouts; maxsize < 1 is unbounded', () => {
    for (const maxsize of [0, -3]) {
      const q = new Queue<number>(maxsize);
      q.put(1, true, -1); // Queue().put(1, timeout=-1) -> None
      q.put(2, false);
      q.put_nowait(3);
      expect(q.full()).toBe(false);
      expect(q.maxsize).toBe(maxsize);
      expect(drain(q)).toEqual([1, 2, 3]);
    }
  });

  test('task_done / join bookkeeping on one thread', () => {
    const q = new JoinableQueue<string>();
    q.join(); // nothing pending: returns at once
    q.put('a');
    q.put('b');
    expect(q.unfinished_tasks).toBe(2);
    q.get();
    q.task_done();
    q.get();
    q.task_done();
    q.join();
    expect(q.unfinished_tasks).toBe(0);
    expect(() => q.task_done()).toThrow(ValueError);
  });

  test('items are structured clones, and many of them grow the shared store', () => {
    const q = new Queue<unknown>();
    const item = { list: [1, 'two', null], nested: { map: new Map([[1, 2]]) }, big: 2n ** 70n };
    q.put(item);
    const copy = q.get();
    // v8.deserialize builds objects in Node's own realm, not jest's sandbox realm, so compare
    // field by field rather than with toEqual (whose Map handling is realm-bound in jest 29).
    const c = copy as typeof item;
    expect(JSON.stringify(c.list)).toBe(JSON.stringify(item.list));
    expect(c.nested.map.get(1)).toBe(2);
    expect(c.nested.map.size).toBe(1);
    expect(c.big).toBe(2n ** 70n);
    expect(copy).not.toBe(item);
    for (let i = 0; i < 20_000; i++) q.put({ i, pad: 'x'.repeat(i % 50) });
    for (let i = 0; i < 20_000; i++) expect((q.get() as { i: number }).i).toBe(i);
    expect(q.empty()).toBe(true);
  });

  test('a store limit raises CapacityError and leaves the queue intact', () => {
    const bytes = new Queue<string>(0, { maxBytes: 10_000 });
    let put = 0;
    const error = errorOf(() => {
      for (;;) {
        bytes.put('x'.repeat(100));
        put++;
      }
    });
    expect(error?.name).toBe('CapacityError');
    expect(bytes.qsize()).toBe(put);
    expect(bytes.unfinished_tasks).toBe(put);
    expect(drain(bytes)).toHaveLength(put);
    bytes.put('fits again');
    expect(bytes.get()).toBe('fits again');

    const items = new Queue<number>(0, { maxItems: 3 });
    [1, 2, 3].forEach((i) => items.put(i));
    expect(() => items.put(4)).toThrow(CapacityError);
    expect(drain(items)).toEqual([1, 2, 3]);
  });

  test('an item that cannot be cloned raises and changes nothing', () => {
    const q = new Queue<unknown>();
    expect(() => q.put(() => 1)).toThrow();
    expect(q.qsize()).toBe(0);
    expect(q.unfinished_tasks).toBe(0);
  });
});

describe('LifoQueue', () => {
  test('last in, first out, interleaved', () => {
    const q = new LifoQueue<number>(2);
    q.put(1);
    q.put(2);
    expect(() => q.put(3, false)).toThrow(Full);
    expect(q.get()).toBe(2);
    q.put(3);
    expect(drain(q)).toEqual([3, 1]);
    expect(q.handle.kind).toBe('lifo-queue');
  });
});

describe('PriorityQueue', () => {
  test('lowest first, comparing like Python', () => {
    const q = new PriorityQueue<unknown>();
    for (const item of [[3, 'c'], [1, 'z'], [1, 'a'], [2, 'b'], [1, 'a', 0], [0]]) q.put(item);
    expect(drain(q)).toEqual([[0], [1, 'a'], [1, 'a', 0], [1, 'z'], [2, 'b'], [3, 'c']]);
    for (const s of ['b', '\uffff', '\u{1F600}', 'a', '']) q.put(s);
    expect(drain(q)).toEqual(['', 'a', 'b', '\uffff', '\u{1F600}']); // code point order
  });

  test('equal priorities come out in the same order as CPython heapq', () => {
    const q = new PriorityQueue<unknown>();
    // CPython: [[0,'q'],[0,'q'],[False,'q'],[1,'a'],[True,'a'],[1,'a'],[True,'a'],[2,'x'],[2,'x']]
    const seq = [[2, 'x'], [true, 'a'], [1, 'a'], [0, 'q'], [1, 'a'], [true, 'a'], [2, 'x'], [0, 'q'], [false, 'q']];
    seq.forEach((item) => q.put(item));
    expect(drain(q)).toEqual([[0, 'q'], [0, 'q'], [false, 'q'], [1, 'a'], [true, 'a'], [1, 'a'], [true, 'a'], [2, 'x'], [2, 'x']]);
    // CPython: [False, 0, 0, False, True, True, True, 1, 1, 2]
    [true, 1, false, 0, 1, true, 0, false, 2, true].forEach((item) => q.put(item));
    expect(drain(q)).toEqual([false, 0, 0, false, true, true, true, 1, 1, 2]);
  });

  test('incomparable items: TypeError with CPython message and CPython partial state', () => {
    const q = new PriorityQueue<unknown>();
    [1, 2, 3].forEach((item) => q.put(item));
    // put('a') raises, yet the item stays queued and unfinished_tasks is not counted
    expect(errorOf(() => q.put('a'))).toEqual({ name: 'TypeError', message: "'<' not supported between instances of 'str' and 'int'" });
    expect([q.qsize(), q.unfinished_tasks]).toEqual([4, 3]);
    // get() raises and loses the item it was returning (1); heap becomes [2, 'a', 3]
    expect(errorOf(() => q.get())).toEqual({ name: 'TypeError', message: "'<' not supported between instances of 'str' and 'int'" });
    expect(q.qsize()).toBe(3);
    expect(errorOf(() => q.get())).toEqual({ name: 'TypeError', message: "'<' not supported between instances of 'int' and 'str'" });
    expect(q.qsize()).toBe(2);
    expect(q.get()).toBe('a');
    expect(q.get()).toBe(3);
    const none = new PriorityQueue<unknown>();
    none.put(1);
    expect(errorOf(() => none.put(null))?.message).toBe("'<' not supported between instances of 'NoneType' and 'int'");
  });
});

describe('Python comparison', () => {
  test('matches CPython on mixed values', () => {
    expect(errorOf(() => pythonLessThan([1, 'a'], [1, 2]))?.message).toBe("'<' not supported between instances of 'str' and 'int'");
    expect(pythonLessThan([null], [null])).toBe(false); // (None,) < (None,) -> False
    expect(errorOf(() => pythonLessThan(null, null))?.message).toBe("'<' not supported between instances of 'NoneType' and 'NoneType'");
    expect(errorOf(() => pythonLessThan({}, {}))?.message).toBe("'<' not supported between instances of 'dict' and 'dict'");
    expect(errorOf(() => pythonLessThan(true, 'a'))?.message).toBe("'<' not supported between instances of 'bool' and 'str'");
    expect(errorOf(() => pythonLessThan(1.5, 'a'))?.message).toBe("'<' not supported between instances of 'float' and 'str'");
    expect(pythonLessThan([1], [1, 0])).toBe(true);
    expect(pythonLessThan([NaN], [NaN])).toBe(false);
    expect(pythonLessThan('\uffff', '\u{1F600}')).toBe(true);
    expect(pythonLessThan(false, 1)).toBe(true);
    expect(pythonLessThan(2n, 2.5)).toBe(true);
    expect(pythonEquals(1, true)).toBe(true);
    expect(pythonEquals({ a: [1] }, { a: [true] })).toBe(true);
    expect(pythonEquals({ a: 1 }, { b: 1 })).toBe(false);
    expect(pythonEquals(1, '1')).toBe(false);
  });
});
