import { Empty } from '../errors';
import { Lock as ThreadLock, Queue as ThreadQueue } from '..';
import { Process, Queue, runMain } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 000 线程队列与进程队列 / 001 17、进程的通信 / 003 22: a thread-level queue.Queue or
 * threading.Lock given to child processes, against a multiprocessing.Queue. A thread-level
 * object lives in its process's memory: like CPython under the spawn start method, it cannot be
 * sent to another process at all (CPython under fork gives each child a private copy); either
 * way nothing a child puts reaches the parent, and no child is kept out by another's lock.
 *
 * The lock experiment: two children each take the threading.Lock they were given and say so
 * (on a process queue), then wait to be let go; the parent counts how many held it at once.
 *
 * Records: `start` {kind, error, message}; `parent-got` {kind, item} or `parent-got-nothing` {kind};
 * `held-at-once` {kind, count}.
 */

const args = programArgs({ patience: 3 });
const clock = new Clock(args.unitMs);

export async function put_two(q: { put(item: number): unknown }): Promise<void> {
  await q.put(123);
  await q.put(456);
}

export async function hold_lock(lock: { acquire(): unknown; release(): unknown }, held: Queue<number>, go: Queue<string>): Promise<void> {
  await lock.acquire();
  await held.put(process.pid);
  await go.get();
  await lock.release();
}

/** Starts `count` processes on target(...args); the started ones, or undefined when start() refused. */
async function tryStart(kind: string, target: (...a: never[]) => unknown, args: unknown[], count = 1): Promise<Process[] | undefined> {
  const started: Process[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const p = new Process({ target, args });
      p.start();
      started.push(p);
    }
    report('start', { kind, error: 'none', message: '' });
    return started;
  } catch (e) {
    report('start', { kind, error: (e as Error).name, message: (e as Error).message });
    for (const p of started) await p.join();
    return undefined;
  }
}

async function main(): Promise<void> {
  const threadQueue = new ThreadQueue<number>();
  for (const p of (await tryStart('thread-queue', put_two, [threadQueue])) ?? []) await p.join();
  try {
    report('parent-got', { kind: 'thread-queue', item: threadQueue.get(true, clock.seconds(args.patience)) });
  } catch (e) {
    if (!(e instanceof Empty)) throw e;
    report('parent-got-nothing', { kind: 'thread-queue' });
  }

  const held = new Queue<number>();
  const go = new Queue<string>();
  const holders = await tryStart('thread-lock', hold_lock, [new ThreadLock(), held, go], 2);
  if (holders !== undefined) {
    let count = 0;
    for (let k = 0; k < holders.length; k++) {
      try {
        await held.get(true, clock.seconds(args.patience));
        count++;
      } catch (e) {
        if (!(e instanceof Empty)) throw e;
        break;
      }
    }
    report('held-at-once', { kind: 'thread-lock', count });
    for (const _ of holders) await go.put('go');
    for (const p of holders) await p.join();
  }

  // 注意:此处需用进程队列,不能用线程队列
  const q = new Queue<number>();
  const started = (await tryStart('process-queue', put_two, [q])) ?? [];
  report('parent-got', { kind: 'process-queue', item: await q.get() });
  report('parent-got', { kind: 'process-queue', item: await q.get() });
  for (const p of started) await p.join();
}

if (require.main === module) runMain(main);
