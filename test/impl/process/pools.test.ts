import { Pool, ProcessPoolExecutor, ThreadPoolExecutor, Queue, WorkerLostError, Future, defaultThreadWorkers, cpu_count } from '../../../impl/process';
import { Lock as ThreadLock } from '../../../impl';
import * as targets from './targets';

/** multiprocessing.Pool and the concurrent.futures executors, on real worker processes and threads. */

describe('Pool', () => {
  it('apply waits for the result; apply_async calls back in this process with the value', async () => {
    const pool = new Pool(2);
    expect(pool.pids).toHaveLength(2);
    expect(await pool.apply(targets.plus100, [1])).toBe(101);
    const seen: [number, number][] = [];
    const results = [0, 1, 2].map((i) => pool.apply_async(targets.plus100, [i], { callback: (v) => seen.push([v, process.pid]) }));
    expect(results[0].ready()).toBe(false);
    expect(await Promise.all(results.map((r) => r.get(10)))).toEqual([100, 101, 102]);
    expect(seen.map(([v]) => v).sort()).toEqual([100, 101, 102]);
    expect(seen.every(([, pid]) => pid === process.pid)).toBe(true);
    expect(await pool.map(targets.plus100, [5, 6])).toEqual([105, 106]);
    await expect(pool.join()).rejects.toThrow('Pool is still running');
    pool.close();
    expect(() => pool.apply_async(targets.plus100, [1])).toThrow('Pool not running');
    await pool.join();
  });

  it("a task's error goes to error_callback and get(); a dying worker fails only its task", async () => {
    const pool = new Pool(1);
    const errors: string[] = [];
    const failing = pool.apply_async(targets.raises, [], { callback: () => errors.push('callback?'), error_callback: (e) => errors.push(e.name) });
    await expect(failing.get()).rejects.toThrow('task failed on purpose');
    expect(errors).toEqual(['TypeError']);
    expect(failing.successful()).toBe(false);
    await expect(pool.apply(targets.exitAbruptly, [3])).rejects.toBeInstanceOf(WorkerLostError);
    expect(await pool.apply(targets.plus100, [0])).toBe(100);
    pool.close();
    await pool.join();
  });

  it('its workers are daemonic: a task cannot start a process', async () => {
    const pool = new Pool(1);
    const q = new Queue();
    await pool.apply(targets.startChild, [q]);
    expect(await q.get()).toBe('AssertionError: daemonic processes are not allowed to have children');
    pool.terminate();
    await pool.join();
  });
});

describe('executors', () => {
  it('ProcessPoolExecutor: futures, callbacks with the future, shutdown(wait)', async () => {
    const ex = new ProcessPoolExecutor(2);
    expect(ex._workers).toBe(0);
    const called: Future<number>[] = [];
    const f = ex.submit(targets.plus100, 1);
    expect(f.add_done_callback((done) => called.push(done))).toBeUndefined();
    expect(ex._workers).toBe(1);
    expect(await f.result(10)).toBe(101);
    expect(called).toEqual([f]);
    expect(f.result_now()).toBe(101);
    await expect(ex.submit(targets.raises).result()).rejects.toThrow('task failed on purpose');
    await expect(ex.submit(targets.exitAbruptly, 4).result()).rejects.toBeInstanceOf(WorkerLostError);
    const pids = await Promise.all([1, 2, 3, 4].map(() => ex.submit(targets.slowPid, 30).result()));
    expect(new Set(pids).size).toBeLessThanOrEqual(2);
    await ex.shutdown(true);
    expect(() => ex.submit(targets.plus100, 1)).toThrow('cannot schedule new futures after shutdown');
  });

  it('ThreadPoolExecutor: threads of this process, sharing its memory; CPython 3.8+ default size', async () => {
    expect(new ThreadPoolExecutor()._max_workers).toBe(Math.min(32, cpu_count() + 4));
    expect(defaultThreadWorkers()).toBe(Math.min(32, cpu_count() + 4));
    const ex = new ThreadPoolExecutor(2);
    expect(await ex.submit(targets.pidOf).result()).toBe(process.pid);
    expect(await ex.submit(targets.threadIdOf).result()).not.toBe(0);
    const lock = new ThreadLock();
    lock.acquire();
    expect(await ex.submit(targets.useThreadLock, lock).result()).toBe(false);
    lock.release();
    expect(await ex.submit(targets.useThreadLock, lock).result()).toBe(true);
    await ex.shutdown();
  });

  it("a ProcessPoolExecutor's workers are not daemonic (CPython 3.9+): a task may start a process", async () => {
    const ex = new ProcessPoolExecutor(1);
    const q = new Queue();
    await ex.submit(targets.startChild, q).result();
    expect(await q.get()).toBe('started');
    await ex.shutdown();
  });

  it('cancel_futures cancels what has not started', async () => {
    const ex = new ProcessPoolExecutor(1);
    const running = ex.submit(targets.sleepMs, 200);
    const queued = ex.submit(targets.plus100, 1);
    await ex.shutdown(true, { cancel_futures: true });
    expect(queued.cancelled()).toBe(true);
    expect(running.done()).toBe(true);
  });
});
