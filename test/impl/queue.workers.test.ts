// Queues across real worker threads: items put in one worker come out in another, blocking
// get/put are released by other threads, task_done/join synchronise across threads.
import { LifoQueue, PriorityQueue, Queue } from '../../impl';
import { call, ready } from './helpers/steps';
import { WorkerGroup, delay } from './helpers/worker-group';

let group: WorkerGroup;
beforeEach(() => {
  group = new WorkerGroup();
});
afterEach(async () => {
  await group.terminateAll();
});

test('1000 items through a bounded queue arrive in order in another worker', async () => {
  const q = new Queue<number>(8);
  const producer = group.start({ q: q.handle }, [{ kind: 'put-range', queue: 'q', from: 0, count: 1000 }]);
  const consumer = group.start({ q: q.handle }, [{ kind: 'get-many', queue: 'q', count: 1000, label: 'got' }]);
  await producer.done();
  const got = await consumer.report('got');
  expect(got.ok && got.value).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  expect(q.empty()).toBe(true);
});

test('2 producers, 2 consumers on a 1-slot queue: nothing lost or duplicated, order per producer kept', async () => {
  // maxsize 1 makes nearly every put and get block, so a lost wake-up would deadlock (and time out).
  const q = new Queue<[string, number]>(1);
  const handles = { q: q.handle };
  group.start(handles, [{ kind: 'put-range', queue: 'q', from: 0, count: 300, tag: 'a' }]);
  group.start(handles, [{ kind: 'put-range', queue: 'q', from: 0, count: 300, tag: 'b' }]);
  const consumers = [0, 1].map(() => group.start(handles, [{ kind: 'get-many', queue: 'q', count: 300, label: 'got' }]));
  const batches = (await Promise.all(consumers.map((c) => c.report('got')))).map((r) => (r.ok ? (r.value as [string, number][]) : []));
  for (const batch of batches) {
    for (const tag of ['a', 'b']) {
      const seen = batch.filter(([t]) => t === tag).map(([, i]) => i);
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
    }
  }
  const all = batches.flat().map(([t, i]) => `${t}${i}`);
  expect(new Set(all).size).toBe(600);
  expect(all).toHaveLength(600);
});

test('LIFO and priority order hold for items put by a worker', async () => {
  const lifo = new LifoQueue<number>();
  const prio = new PriorityQueue<[number, string]>();
  const runner = group.start({ lifo: lifo.handle, prio: prio.handle }, [
    { kind: 'put-range', queue: 'lifo', from: 1, count: 3 },
    call('prio', 'put', [[5, 'e']]),
    call('prio', 'put', [[1, 'a']]),
    call('prio', 'put', [[3, 'c']]),
  ]);
  await runner.done();
  expect([lifo.get(), lifo.get(), lifo.get()]).toEqual([3, 2, 1]);
  expect([prio.get(), prio.get(), prio.get()]).toEqual([
    [1, 'a'],
    [3, 'c'],
    [5, 'e'],
  ]);
});

test('a blocked get completes only after another thread puts', async () => {
  const q = new Queue<string>();
  const runner = group.start({ q: q.handle }, [ready(), call('q', 'get', [], 'got')]);
  await runner.report('ready');
  await delay(100);
  expect(runner.has('got')).toBe(false);
  const putAt = group.ticket();
  q.put('hello');
  const got = await runner.report('got');
  expect(got).toMatchObject({ ok: true, value: 'hello' });
  expect(got.after).toBeGreaterThan(putAt);
});

test('a blocked put on a full queue completes only after another thread gets', async () => {
  const q = new Queue<number>(1);
  q.put(1);
  const runner = group.start({ q: q.handle }, [ready(), call('q', 'put', [2], 'put')]);
  await runner.report('ready');
  await delay(100);
  expect(runner.has('put')).toBe(false);
  const getAt = group.ticket();
  expect(q.get()).toBe(1);
  const put = await runner.report('put');
  expect(put.ok).toBe(true);
  expect(put.after).toBeGreaterThan(getAt);
  expect(q.get()).toBe(2);
});

test('timeouts in a worker raise Empty and Full', async () => {
  const empty = new Queue<number>();
  const full = new Queue<number>(1);
  full.put(0);
  const runner = group.start({ empty: empty.handle, full: full.handle }, [
    call('empty', 'get', [true, 0.05], 'get'),
    call('full', 'put', [1, true, 0.05], 'put'),
    call('empty', 'get', [true, -1], 'negative'),
  ]);
  const [get, put, negative] = await runner.done();
  expect(get).toMatchObject({ ok: false, error: 'Empty' });
  expect(put).toMatchObject({ ok: false, error: 'Full' });
  expect(negative).toMatchObject({ ok: false, error: 'ValueError', message: "'timeout' must be a non-negative number" });
});

test('join() in one worker returns only after the last task_done() in another', async () => {
  const q = new Queue<number>();
  [1, 2, 3].forEach((i) => q.put(i));
  const joiner = group.start({ q: q.handle }, [ready(), call('q', 'join', [], 'joined')]);
  await joiner.report('ready');
  const consumer = group.start({ q: q.handle }, [
    call('q', 'get'),
    call('q', 'task_done', [], 'td1'),
    call('q', 'get'),
    call('q', 'task_done', [], 'td2'),
    call('q', 'get'),
    { kind: 'sleep', ms: 50 },
    call('q', 'task_done', [], 'td3'),
    call('q', 'task_done', [], 'td4'),
  ]);
  await consumer.report('td2');
  expect(joiner.has('joined')).toBe(false);
  const [joined, td3, td4] = await Promise.all([joiner.report('joined'), consumer.report('td3'), consumer.report('td4')]);
  expect(joined.ok).toBe(true);
  expect(joined.after).toBeGreaterThan(td3.before);
  expect(td4).toMatchObject({ ok: false, error: 'ValueError', message: 'task_done() called too many times' });
});
