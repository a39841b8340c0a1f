import { Empty } from '../errors';
import { Event, Process, Queue, runMain } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 004, 队列 概念: what close(), join_thread() and a closed producer mean for a
 * multiprocessing.Queue. A producer puts two items and closes its queue (a third put fails);
 * join_thread() before close() is refused, after close() it returns with nobody reading; the
 * parent then reads the two items. A consumer blocked in get() while the producer closes gets no
 * end-of-data signal: its get just times out.
 *
 * Records: `put-after-close` {error, message}, `join-thread-before-close` {error},
 * `join-thread-returned`, `parent-got` {item}, `consumer-get` {error} and `consumer-started`.
 */

const args = programArgs({ patience: 3 });
const clock = new Clock(args.unitMs);

export async function producer(q: Queue<number>): Promise<void> {
  await q.put(1);
  await q.put(2);
  try {
    await q.join_thread();
    report('join-thread-before-close', { error: 'none' });
  } catch (e) {
    report('join-thread-before-close', { error: (e as Error).name });
  }
  q.close();
  try {
    await q.put(3);
    report('put-after-close', { error: 'none', message: '' });
  } catch (e) {
    report('put-after-close', { error: (e as Error).name, message: (e as Error).message });
  }
  await q.join_thread();
  report('join-thread-returned');
}

export async function consumer(q: Queue<number>, patience: number, waiting: Event): Promise<void> {
  report('consumer-started');
  await waiting.set();
  try {
    await q.get(true, patience);
    report('consumer-get', { error: 'none' });
  } catch (e) {
    report('consumer-get', { error: e instanceof Empty ? 'Empty' : (e as Error).name });
  }
}

export async function closer(q: Queue<number>, waiting: Event): Promise<void> {
  await waiting.wait(); // the consumer is in its get() (or about to be)
  q.close();
  report('closer-closed');
}

async function main(): Promise<void> {
  const q = new Queue<number>();
  const p = new Process({ target: producer, args: [q] });
  p.start();
  await p.join();
  report('parent-got', { item: await q.get() });
  report('parent-got', { item: await q.get() });

  const idle = new Queue<number>();
  const waiting = new Event();
  const c = new Process({ target: consumer, args: [idle, clock.seconds(args.patience), waiting] });
  c.start();
  const closing = new Process({ target: closer, args: [idle, waiting] });
  closing.start();
  await closing.join();
  await c.join();
}

if (require.main === module) runMain(main);
