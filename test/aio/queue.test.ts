import { CancelledError, LifoQueue, PriorityQueue, Queue, TimeoutError } from '../../impl/aio';
import { Empty, Full, ValueError } from '../../impl/errors';
import { settle, sleep, spawn } from './task-harness';

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('aio Queue (FIFO)', () => {
  test('maxsize, qsize, empty, full; maxsize <= 0 is unbounded', () => {
    const q = new Queue<number>(2);
    expect([q.maxsize, q.qsize(), q.empty(), q.full()]).toEqual([2, 0, true, false]);
    q.put_nowait(1);
    expect([q.qsize(), q.empty(), q.full()]).toEqual([1, false, false]);
    q.put_nowait(2);
    expect([q.qsize(), q.full()]).toEqual([2, true]);
    for (const maxsize of [0, -1]) {
      const u = new Queue<number>(maxsize);
      for (let i = 0; i < 1000; i += 1) u.put_nowait(i);
      expect([u.maxsize, u.qsize(), u.full()]).toEqual([maxsize, 1000, false]);
    }
    expect(new Queue().maxsize).toBe(0);
  });

  test('put_nowait on a full queue raises Full; get_nowait on an empty one raises Empty', () => {
    const q = new Queue<string>(1);
    const empty = errorOf(() => q.get_nowait());
    expect(empty).toBeInstanceOf(Empty);
    expect([empty.name, empty.message]).toEqual(['Empty', '']);
    q.put_nowait('a');
    const full = errorOf(() => q.put_nowait('b'));
    expect(full).toBeInstanceOf(Full);
    expect([full.name, full.message]).toEqual(['Full', '']);
    expect(q.get_nowait()).toBe('a');
  });

  test('items leave in FIFO order through put/get', async () => {
    const q = new Queue<number>();
    for (const i of [3, 1, 2]) await q.put(i);
    expect([await q.get(), await q.get(), await q.get()]).toEqual([3, 1, 2]);
  });

  test('get waits for an item; getters are served in arrival order', async () => {
    const q = new Queue<string>();
    const getters = ['G0', 'G1', 'G2'].map((n) => spawn(n, () => q.get()));
    await settle();
    expect(getters.every((g) => g.outcome().state === 'pending')).toBe(true);
    q.put_nowait('a');
    q.put_nowait('b');
    await settle();
    expect(getters.map((g) => g.outcome())).toEqual([
      { state: 'ok', value: 'a' },
      { state: 'ok', value: 'b' },
      { state: 'pending' },
    ]);
    await q.put('c');
    await expect(getters[2]?.promise).resolves.toBe('c');
  });

  test('put waits for a free slot; putters are served in arrival order', async () => {
    const q = new Queue<string>(1);
    q.put_nowait('a');
    const putters = ['b', 'c'].map((item) => spawn(item, () => q.put(item)));
    await settle();
    expect(putters.map((p) => p.outcome().state)).toEqual(['pending', 'pending']);
    expect(q.get_nowait()).toBe('a');
    await settle();
    expect(putters.map((p) => p.outcome().state)).toEqual(['ok', 'pending']);
    expect(await q.get()).toBe('b');
    await settle();
    expect(await q.get()).toBe('c');
    expect(q.empty()).toBe(true);
  });

  describe('task_done and join', () => {
    test('join resolves at once when nothing was put', async () => {
      await expect(new Queue().join()).resolves.toBeUndefined();
    });

    test('join waits for one task_done per item put, including items fetched with get_nowait', async () => {
      const q = new Queue<number>();
      q.put_nowait(1);
      q.put_nowait(2);
      const joiner = spawn('J', () => q.join());
      q.get_nowait();
      q.get_nowait();
      await settle();
      expect(joiner.outcome().state).toBe('pending');
      q.task_done();
      await settle();
      expect(joiner.outcome().state).toBe('pending');
      q.task_done();
      await settle();
      expect(joiner.outcome().state).toBe('ok');
    });

    test('task_done too many times raises ValueError', () => {
      const q = new Queue<number>();
      const e = errorOf(() => q.task_done());
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message).toBe('task_done() called too many times');
      q.put_nowait(1);
      q.task_done();
      expect(() => q.task_done()).toThrow('task_done() called too many times');
    });

    test('join can be cancelled or time out, and later joins still work', async () => {
      const q = new Queue<number>();
      q.put_nowait(1);
      await expect(q.join({ timeout: 0.02 })).rejects.toBeInstanceOf(TimeoutError);
      await expect(q.join({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
      const joiner = spawn('J', () => q.join({ timeout: 5 }));
      q.task_done();
      await expect(joiner.promise).resolves.toBeUndefined();
    });
  });

  describe('cancellation never loses or invents items', () => {
    test('a pending get cancelled: the next item goes to the next getter', async () => {
      const q = new Queue<string>();
      const a = spawn('A', (signal) => q.get({ signal }));
      const b = spawn('B', (signal) => q.get({ signal }));
      await settle();
      a.cancel();
      await settle();
      await expect(a.promise).rejects.toBeInstanceOf(CancelledError);
      q.put_nowait('x');
      await expect(b.promise).resolves.toBe('x');
    });

    test('a getter woken by put_nowait and cancelled before it runs passes the item on', async () => {
      const q = new Queue<string>();
      const a = spawn('A', (signal) => q.get({ signal }));
      const b = spawn('B', (signal) => q.get({ signal }));
      await settle();
      q.put_nowait('x');
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(b.outcome()).toEqual({ state: 'ok', value: 'x' });
    });

    test('... and with no other getter the item simply stays in the queue', async () => {
      const q = new Queue<string>();
      const a = spawn('A', (signal) => q.get({ signal }));
      await settle();
      q.put_nowait('x');
      a.cancel();
      await settle();
      expect(a.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(q.get_nowait()).toBe('x');
    });

    test('a get that times out takes nothing; the item put later is still there', async () => {
      const q = new Queue<string>();
      await expect(q.get({ timeout: 0.02 })).rejects.toBeInstanceOf(TimeoutError);
      q.put_nowait('x');
      expect(q.qsize()).toBe(1);
      await expect(q.get({ timeout: 0 })).rejects.toBeInstanceOf(TimeoutError);
      expect(q.get_nowait()).toBe('x');
    });

    test('a cancelled put does not add its item; a woken-then-cancelled putter passes the slot on', async () => {
      const q = new Queue<string>(1);
      q.put_nowait('a');
      const b = spawn('B', (signal) => q.put('b', { signal }));
      const c = spawn('C', (signal) => q.put('c', { signal }));
      const d = spawn('D', (signal) => q.put('d', { signal }));
      await settle();
      d.cancel();
      expect(q.get_nowait()).toBe('a');
      b.cancel();
      await settle();
      expect(b.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(d.outcome()).toMatchObject({ state: 'error', name: 'CancelledError' });
      expect(c.outcome()).toEqual({ state: 'ok', value: undefined });
      expect(q.get_nowait()).toBe('c');
      expect(q.empty()).toBe(true);
      await expect(q.join({ timeout: 0.01 })).rejects.toBeInstanceOf(TimeoutError);
      q.task_done();
      q.task_done();
      await expect(q.join()).resolves.toBeUndefined();
    });

    test('a put that times out on a full queue leaves it unchanged', async () => {
      const q = new Queue<string>(1);
      q.put_nowait('a');
      const timed = spawn('T', () => q.put('b', { timeout: 0.02 }));
      await sleep(40);
      await expect(timed.promise).rejects.toBeInstanceOf(TimeoutError);
      expect([q.qsize(), q.get_nowait(), q.qsize()]).toEqual([1, 'a', 0]);
    });
  });
});

describe('aio LifoQueue', () => {
  test('the newest item leaves first; bounded like Queue', async () => {
    const q = new LifoQueue<number>(3);
    for (const i of [1, 2, 3]) q.put_nowait(i);
    expect(q.full()).toBe(true);
    expect(() => q.put_nowait(4)).toThrow(Full);
    expect([q.get_nowait(), await q.get()]).toEqual([3, 2]);
    q.put_nowait(9);
    expect([q.get_nowait(), q.get_nowait()]).toEqual([9, 1]);
    expect(() => q.get_nowait()).toThrow(Empty);
  });

  test('a waiting getter receives the item put', async () => {
    const q = new LifoQueue<string>();
    const g = spawn('G', () => q.get());
    await settle();
    q.put_nowait('x');
    await expect(g.promise).resolves.toBe('x');
  });
});

describe('aio PriorityQueue', () => {
  test('the lowest item leaves first: numbers, strings, tuples', () => {
    const nums = new PriorityQueue<number>();
    for (const i of [5, 1, 4, 2, 3]) nums.put_nowait(i);
    expect([1, 2, 3, 4, 5].map(() => nums.get_nowait())).toEqual([1, 2, 3, 4, 5]);
    const strs = new PriorityQueue<string>();
    for (const s of ['pear', 'Apple', 'apple', 'banana']) strs.put_nowait(s);
    expect([0, 1, 2, 3].map(() => strs.get_nowait())).toEqual(['Apple', 'apple', 'banana', 'pear']);
    const jobs = new PriorityQueue<[number, string]>();
    for (const job of [[2, 'write'], [1, 'read'], [2, 'lint'], [0, 'boot']] as [number, string][]) jobs.put_nowait(job);
    expect([0, 1, 2, 3].map(() => jobs.get_nowait())).toEqual([
      [0, 'boot'],
      [1, 'read'],
      [2, 'lint'],
      [2, 'write'],
    ]);
  });

  test('incomparable items raise TypeError; the item stays in, uncounted, as in CPython', () => {
    const q = new PriorityQueue<number | string>();
    q.put_nowait(1);
    const e = errorOf(() => q.put_nowait('a'));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("'<' not supported between instances of 'str' and 'int'");
    expect(q.qsize()).toBe(2);
    q.task_done();
    expect(() => q.task_done()).toThrow(ValueError);
  });

  test('an equal-priority pair whose payloads cannot be compared raises TypeError', () => {
    const q = new PriorityQueue<[number, PyDict]>();
    q.put_nowait([1, { job: 'a' }]);
    expect(() => q.put_nowait([1, { job: 'b' }])).toThrow(
      "'<' not supported between instances of 'dict' and 'dict'",
    );
    expect(() => q.put_nowait([0, { job: 'c' }])).not.toThrow();
  });

  test('a blocked getter receives the lowest item available when it runs', async () => {
    const q = new PriorityQueue<number>(2);
    const g = spawn('G', () => q.get());
    await settle();
    q.put_nowait(7);
    await expect(g.promise).resolves.toBe(7);
    q.put_nowait(5);
    q.put_nowait(3);
    const p = spawn('P', () => q.put(1));
    await settle();
    expect(p.outcome().state).toBe('pending');
    expect(q.get_nowait()).toBe(3);
    await settle();
    expect([q.get_nowait(), q.get_nowait()]).toEqual([1, 5]);
  });
});

type PyDict = { readonly [key: string]: string };
