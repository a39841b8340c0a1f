/**
 * The queue and barrier scenarios of python-traces.py, replayed against
 * impl/aio. The expected logs are that script's output under CPython 3.11.7, copied verbatim:
 * if a log differs, impl/aio differs from asyncio in the order or outcome of something observable.
 */
import { Barrier, PriorityQueue, Queue } from '../../impl/aio';
import { py, TraceLog } from './python-trace-log';
import { settle, sleep } from './task-harness';

let log = new TraceLog();

beforeEach(() => {
  log = new TraceLog();
});

test('queue_get_cancel', async () => {
  const q = new Queue<string>();
  const g1 = log.spawn('G1', (signal) => q.get({ signal }));
  log.spawn('G2', (signal) => q.get({ signal }));
  await settle();
  q.put_nowait('x');
  g1.cancel();
  await settle();
  log.push(`qsize=${q.qsize()}`);
  expect(log.entries).toEqual(['G1 CancelledError', 'G2 x', 'qsize=0']);
});

test('queue_steal', async () => {
  const q = new Queue<string>();
  log.spawn('G1', (signal) => q.get({ signal }));
  log.spawn('G2', (signal) => q.get({ signal }));
  await settle();
  q.put_nowait('x');
  log.push(`stolen ${q.get_nowait()}`);
  await settle();
  q.put_nowait('y');
  await settle();
  q.put_nowait('z');
  await settle();
  expect(log.entries).toEqual(['stolen x', 'G2 y', 'G1 z']);
});

test('queue_put_cancel', async () => {
  const q = new Queue<string>(1);
  q.put_nowait('a');
  const p1 = log.spawn('P1', (signal) => q.put('b', { signal }));
  log.spawn('P2', (signal) => q.put('c', { signal }));
  await settle();
  log.push(`got ${q.get_nowait()}`);
  p1.cancel();
  await settle();
  log.push(`qsize=${q.qsize()} next=${q.get_nowait()}`);
  expect(log.entries).toEqual(['got a', 'P1 CancelledError', 'P2 None', 'qsize=1 next=c']);
});

test('priority_type_error', async () => {
  const q = new PriorityQueue<[number, string | number]>();
  q.put_nowait([2, 'b']);
  q.put_nowait([1, 'a']);
  try {
    q.put_nowait([1, 5]);
  } catch (e) {
    log.push(`${(e as Error).name} ${(e as Error).message}`);
  }
  log.push(`qsize=${q.qsize()}`);
  for (let i = 0; i < 3; i += 1) log.push(`got ${py(q.get_nowait())}`);
  log.push(`qsize=${q.qsize()}`);
  try {
    q.task_done();
    q.task_done();
    q.task_done();
  } catch (e) {
    log.push(`${(e as Error).name} ${(e as Error).message}`);
  }
  expect(log.entries).toEqual([
    "TypeError '<' not supported between instances of 'int' and 'str'",
    'qsize=3',
    "got (1, 'a')",
    'got (1, 5)',
    "got (2, 'b')",
    'qsize=0',
    'ValueError task_done() called too many times',
  ]);
});

test('barrier_cycle', async () => {
  const b = new Barrier(3);
  const wait = (signal: AbortSignal): Promise<number> => b.wait({ signal });
  log.spawn('A', wait);
  log.spawn('B', wait);
  await settle();
  log.push(`n_waiting=${b.n_waiting}`);
  log.spawn('C', wait);
  await settle(20);
  log.push(`n_waiting=${b.n_waiting}`);
  log.spawn('D', wait);
  log.spawn('E', wait);
  await settle();
  await b.reset();
  await settle(20);
  log.push(`n_waiting=${b.n_waiting} broken=${py(b.broken)}`);
  log.spawn('F', wait);
  await settle();
  await b.abort();
  await settle(20);
  log.push(`broken=${py(b.broken)}`);
  log.spawn('G', wait);
  await settle(20);
  await b.reset();
  log.push(`broken=${py(b.broken)}`);
  expect(log.entries).toEqual([
    'n_waiting=2',
    'C 2',
    'A 0',
    'B 1',
    'n_waiting=0',
    'D BrokenBarrierError',
    'E BrokenBarrierError',
    'n_waiting=0 broken=False',
    'F BrokenBarrierError',
    'broken=True',
    'G BrokenBarrierError',
    'broken=False',
  ]);
});

test('barrier_cancel', async () => {
  const b = new Barrier(2);
  const a = log.spawn('A', (signal) => b.wait({ signal }));
  await settle();
  log.push(`n_waiting=${b.n_waiting}`);
  a.cancel();
  await settle();
  log.push(`n_waiting=${b.n_waiting}`);
  log.spawn('B', (signal) => b.wait({ signal }));
  log.spawn('C', (signal) => b.wait({ signal }));
  await settle(20);
  expect(log.entries).toEqual(['n_waiting=1', 'A CancelledError', 'n_waiting=0', 'C 1', 'B 0']);
});

test('barrier_draining', async () => {
  const b = new Barrier(2);
  const wait = (signal: AbortSignal): Promise<number> => b.wait({ signal });
  log.spawn('A', wait);
  await settle();
  log.spawn('B', wait);
  log.spawn('C', wait);
  await settle(20);
  log.push(`n_waiting=${b.n_waiting}`);
  log.spawn('D', wait);
  await settle(20);
  expect(log.entries).toEqual(['B 1', 'A 0', 'n_waiting=1', 'D 1', 'C 0']);
});

test('barrier_timeout', async () => {
  const b = new Barrier(2);
  log.spawn('A', () => b.wait({ timeout: 0.02 }));
  await sleep(50);
  log.push(`n_waiting=${b.n_waiting} broken=${py(b.broken)}`);
  log.spawn('B', (signal) => b.wait({ signal }));
  log.spawn('C', (signal) => b.wait({ signal }));
  await settle(20);
  expect(log.entries).toEqual(['A TimeoutError', 'n_waiting=0 broken=False', 'C 1', 'B 0']);
});
