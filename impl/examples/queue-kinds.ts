import { Empty } from '../errors';
import { Lock as ThreadLock, Queue as ThreadQueue } from '..';
import { Process, Queue, runMain } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 000 线程队列与进程队列 / 001 17、进程的通信 / 003 22: a thread-level queue.Queue or
 * threading.Lock given to a child process, against a multiprocessing.Queue. A thread-level
 * object lives in its process's memory: like CPython under the spawn start method, it cannot be
 * sent to another process at all (CPython under fork would give the child a private copy);
 * either way nothing the child puts reaches the parent.
 *
 * Records: `start` {kind, error, message}; `parent-got` {kind, item} or `parent-got-nothing` {kind}.
 */

const args = programArgs({ patience: 3 });
const clock = new Clock(args.unitMs);

export async function put_two(q: { put(item: number): unknown }): Promise<void> {
  await q.put(123);
  await q.put(456);
}

export async function take_lock(lock: { acquire(): unknown }): Promise<void> {
  await lock.acquire();
}

async function tryStart(kind: string, target: (...a: never[]) => unknown, arg: unknown): Promise<boolean> {
  try {
    const p = new Process({ target, args: [arg] });
    p.start();
    report('start', { kind, error: 'none', message: '' });
    await p.join();
    return true;
  } catch (e) {
    report('start', { kind, error: (e as Error).name, message: (e as Error).message });
    return false;
  }
}

async function main(): Promise<void> {
  const threadQueue = new ThreadQueue<number>();
  await tryStart('thread-queue', put_two, threadQueue);
  try {
    report('parent-got', { kind: 'thread-queue', item: threadQueue.get(true, clock.seconds(args.patience)) });
  } catch (e) {
    if (!(e instanceof Empty)) throw e;
    report('parent-got-nothing', { kind: 'thread-queue' });
  }
  await tryStart('thread-lock', take_lock, new ThreadLock());

  // 注意:此处需用进程队列,不能用线程队列
  const q = new Queue<number>();
  await tryStart('process-queue', put_two, q);
  report('parent-got', { kind: 'process-queue', item: await q.get() });
  report('parent-got', { kind: 'process-queue', item: await q.get() });
}

if (require.main === module) runMain(main);
