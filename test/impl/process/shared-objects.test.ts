import { Empty, Full, ValueError } from '../../../impl';
import { BoundedSemaphore, Event, JoinableQueue, Lock, PicklingError, Process, Queue, RLock, Semaphore } from '../../../impl/process';
import * as targets from './targets';

/** Process-level Lock, RLock, Semaphore, Event and queues, used from two processes. */

async function run(target: (...args: never[]) => unknown, ...args: unknown[]): Promise<Process> {
  const p = new Process({ target, args });
  p.start();
  return p;
}

describe('process-level synchronisation', () => {
  it('a Lock held by a child excludes the parent until the child releases it', async () => {
    const lock = new Lock();
    const holding = new Event();
    const release = new Event();
    const child = await run(targets.holdLock, lock, holding, release);
    await holding.wait();
    expect(await lock.acquire(false)).toBe(false);
    const started = performance.now();
    expect(await lock.acquire(true, 0.1)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    await release.set();
    expect(await lock.acquire(true, 10)).toBe(true);
    await child.join();
  });

  it("follows multiprocessing's errors: an unlocked Lock, a foreign RLock, an over-released BoundedSemaphore", async () => {
    await expect(new Lock().release()).rejects.toThrow(new ValueError('semaphore or lock released too many times'));
    const rlock = new RLock();
    expect(await rlock.acquire()).toBe(true);
    expect(await rlock.acquire()).toBe(true);
    const q = new Queue();
    const child = await run(targets.releaseForeignRLock, rlock, q);
    expect(await q.get()).toBe('AssertionError');
    await child.join();
    await rlock.release();
    await rlock.release();
    await expect(new BoundedSemaphore(1).release()).rejects.toThrow('semaphore or lock released too many times');
  });

  it('a Semaphore released in a child wakes the parent', async () => {
    const sem = new Semaphore(0);
    expect(await sem.acquire(false)).toBe(false);
    const child = await run(targets.releaseSemaphore, sem);
    expect(await sem.acquire(true, 10)).toBe(true);
    await child.join();
    expect(await sem.get_value()).toBe(0);
  });

  it('Event.wait in a child returns True once the parent sets it, False after a timeout', async () => {
    const e = new Event();
    expect(await e.wait(0.05)).toBe(false);
    const q = new Queue();
    const child = await run(targets.waitForEvent, e, q);
    expect(await q.get()).toBe('waiting');
    await e.set();
    expect(await q.get()).toBe(true);
    await child.join();
  });
});

describe('process-level queues', () => {
  it('carry copies between processes in FIFO order', async () => {
    const q = new Queue<unknown>();
    const items = [1, 'two', { three: [3] }, null];
    const child = await run(targets.putAll, q, items);
    for (const item of items) expect(await q.get()).toEqual(item);
    await child.join();
    const mine = { n: 1 };
    await q.put(mine);
    mine.n = 2;
    expect(await q.get()).toEqual({ n: 1 });
  });

  it('raise Full and Empty as multiprocessing does, after the timeout', async () => {
    const q = new Queue<number>(1);
    await q.put(1);
    await expect(q.put_nowait(2)).rejects.toBeInstanceOf(Full);
    const started = performance.now();
    await expect(q.put(2, true, 0.1)).rejects.toBeInstanceOf(Full);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect([await q.qsize(), await q.full(), await q.empty()]).toEqual([1, true, false]);
    expect(await q.get()).toBe(1);
    await expect(q.get(true, 0.05)).rejects.toBeInstanceOf(Empty);
    await expect(q.get_nowait()).rejects.toBeInstanceOf(Empty);
  });

  it('queues nothing it cannot send, and refuses puts after close()', async () => {
    const q = new Queue<unknown>();
    await expect(q.put(() => 1)).rejects.toBeInstanceOf(PicklingError);
    expect(await q.qsize()).toBe(0);
    await expect(q.join_thread()).rejects.toThrow('not closed');
    q.close();
    await expect(q.put(1)).rejects.toThrow(/is closed$/);
    await q.join_thread();
  });

  it('JoinableQueue.join waits until a child has called task_done for every item', async () => {
    const q = new JoinableQueue<number>();
    for (let i = 0; i < 3; i++) await q.put(i);
    const child = await run(targets.consumeAll, q, 3);
    await q.join();
    expect(await q.qsize()).toBe(0);
    await expect(q.task_done()).rejects.toThrow('task_done() called too many times');
    await child.join();
  });

  it("calls fail instead of hanging once the owning process is gone", async () => {
    const q = new Queue<unknown>();
    const child = await run(targets.sendOwnQueue, q);
    const theirs = (await q.get()) as Queue<unknown>;
    await child.join();
    await expect(theirs.put(1)).rejects.toThrow(/ConnectionRefusedError|gone|exited/);
  });
});
