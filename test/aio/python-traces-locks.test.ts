/**
 * The lock, semaphore, condition and event scenarios of python-traces.py, replayed against
 * impl/aio. The expected logs are that script's output under CPython 3.11.7, copied verbatim:
 * if a log differs, impl/aio differs from asyncio in the order or outcome of something observable.
 */
import { BoundedSemaphore, Condition, Event, Lock, Queue, Semaphore } from '../../impl/aio';
import { py, TraceLog } from './python-trace-log';
import { settle } from './task-harness';

let log = new TraceLog();

beforeEach(() => {
  log = new TraceLog();
});

async function freePermits(s: Semaphore): Promise<number> {
  let n = 0;
  while (!s.locked()) {
    await s.acquire();
    n += 1;
  }
  for (let i = 0; i < n; i += 1) s.release();
  return n;
}

test('lock_cancel_handed', async () => {
  const l = new Lock();
  await l.acquire();
  const b = log.spawn('B', (signal) => l.acquire({ signal }));
  log.spawn('C', (signal) => l.acquire({ signal }));
  await settle();
  l.release();
  b.cancel();
  log.spawn('D', (signal) => l.acquire({ signal }));
  await settle();
  log.push(`locked=${py(l.locked())}`);
  l.release();
  await settle();
  log.push(`locked=${py(l.locked())}`);
  expect(log.entries).toEqual(['B CancelledError', 'C True', 'locked=True', 'D True', 'locked=True']);
});

test('lock_no_barging', async () => {
  const l = new Lock();
  await l.acquire();
  const w = async (): Promise<string> => {
    await l.acquire();
    await settle(1);
    l.release();
    return 'got';
  };
  for (const n of 'BCD') log.spawn(n, w);
  await settle();
  l.release();
  log.push(`locked=${py(l.locked())}`);
  log.spawn('E', w);
  await settle(20);
  expect(log.entries).toEqual(['locked=False', 'B got', 'C got', 'D got', 'E got']);
});

test('sem_cancel_handed', async () => {
  const s = new Semaphore(1);
  await s.acquire();
  const b = log.spawn('B', (signal) => s.acquire({ signal }));
  log.spawn('C', (signal) => s.acquire({ signal }));
  await settle();
  s.release();
  log.push(`locked=${py(s.locked())}`);
  b.cancel();
  await settle();
  log.push(`locked=${py(s.locked())}`);
  s.release();
  log.push(`free=${await freePermits(s)}`);
  expect(log.entries).toEqual(['locked=True', 'B CancelledError', 'C True', 'locked=True', 'free=1']);
});

test('sem_fair', async () => {
  const s = new Semaphore(2);
  await s.acquire();
  await s.acquire();
  const w = async (): Promise<string> => {
    await s.acquire();
    await settle(1);
    s.release();
    return 'got';
  };
  for (const n of 'BCD') log.spawn(n, w);
  await settle();
  s.release();
  s.release();
  log.push(`locked=${py(s.locked())}`);
  log.spawn('E', w);
  await settle(20);
  log.push(`free=${await freePermits(s)}`);
  expect(log.entries).toEqual(['locked=True', 'B got', 'C got', 'D got', 'E got', 'free=2']);
});

test('sem_cancel_pending', async () => {
  const s = new Semaphore(0);
  const b = log.spawn('B', (signal) => s.acquire({ signal }));
  await settle();
  b.cancel();
  log.push(`locked=${py(s.locked())}`);
  await settle();
  s.release();
  log.push(`locked=${py(s.locked())}`);
  log.push(`free=${await freePermits(s)}`);
  expect(log.entries).toEqual(['locked=True', 'B CancelledError', 'locked=False', 'free=1']);
});

test('sem_wake_chain', async () => {
  const s = new Semaphore(0);
  log.spawn('A', (signal) => s.acquire({ signal }));
  await settle();
  s.release();
  s.release();
  log.push(`locked=${py(s.locked())}`);
  log.spawn('B', (signal) => s.acquire({ signal }));
  await settle();
  log.push(`locked=${py(s.locked())}`);
  expect(log.entries).toEqual(['locked=True', 'A True', 'B True', 'locked=True']);
});

test('bounded_sem', async () => {
  const s = new BoundedSemaphore(2);
  await s.acquire();
  log.spawn('B', (signal) => s.acquire({ signal }));
  log.spawn('C', (signal) => s.acquire({ signal }));
  await settle();
  s.release();
  await settle();
  try {
    s.release();
    log.push('released');
    s.release();
  } catch (e) {
    log.push(`ValueError ${(e as Error).message}`);
  }
  log.push(`free=${await freePermits(s)}`);
  expect(log.entries).toEqual(['B True', 'C True', 'released', 'free=2']);
});

test('cond_notify_cancel', async () => {
  const c = new Condition();
  const w = async (signal: AbortSignal): Promise<string> => {
    await c.acquire();
    try {
      await c.wait({ signal });
      return `woke locked=${py(c.locked())}`;
    } finally {
      c.release();
    }
  };
  const w1 = log.spawn('W1', w);
  log.spawn('W2', w);
  await settle();
  await c.acquire();
  c.notify(1);
  c.release();
  w1.cancel();
  await settle();
  log.push(`locked=${py(c.locked())}`);
  await c.acquire();
  c.notify(1);
  c.release();
  await settle();
  expect(log.entries).toEqual(['W1 CancelledError', 'locked=False', 'W2 woke locked=True']);
});

test('cond_notify_order', async () => {
  const c = new Condition();
  const w = async (): Promise<string> => {
    await c.acquire();
    try {
      await c.wait();
      return 'woke';
    } finally {
      c.release();
    }
  };
  for (const n of 'ABCD') log.spawn(n, w);
  await settle();
  await c.acquire();
  c.notify(2);
  c.release();
  await settle();
  await c.acquire();
  c.notify_all();
  c.release();
  await settle();
  expect(log.entries).toEqual(['A woke', 'B woke', 'C woke', 'D woke']);
});

test('cond_cancel_during_reacquire', async () => {
  const c = new Condition();
  const w = log.spawn('W', async (signal) => {
    await c.acquire();
    try {
      await c.wait({ signal });
      return 'woke';
    } finally {
      log.push(`W leaves locked=${py(c.locked())}`);
      c.release();
    }
  });
  await settle();
  await c.acquire();
  c.notify();
  await settle();
  log.spawn('Y', async () => {
    await c.acquire();
    c.release();
    return 'acquired';
  });
  await settle();
  w.cancel();
  await settle();
  c.release();
  await settle();
  expect(log.entries).toEqual(['Y acquired', 'W leaves locked=True', 'W CancelledError']);
});

test('event_set_clear', async () => {
  const e = new Event();
  for (const n of 'ABC') log.spawn(n, (signal) => e.wait({ signal }));
  await settle();
  e.set();
  e.clear();
  await settle();
  log.push(`is_set=${py(e.is_set())}`);
  expect(log.entries).toEqual(['A True', 'B True', 'C True', 'is_set=False']);
});

test('wait_for_zero', async () => {
  const l = new Lock();
  log.spawn('A', () => l.acquire({ timeout: 0 }));
  await settle();
  log.push(`locked=${py(l.locked())}`);
  const q = new Queue<number>();
  q.put_nowait(1);
  log.spawn('G', () => q.get({ timeout: 0 }));
  await settle();
  log.push(`qsize=${q.qsize()}`);
  log.spawn('B', () => l.acquire({ timeout: 0.5 }));
  await settle();
  log.push(`locked=${py(l.locked())}`);
  expect(log.entries).toEqual(['A TimeoutError', 'locked=False', 'G TimeoutError', 'qsize=1', 'B True', 'locked=True']);
});
