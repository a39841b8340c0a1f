import { Event, Process, Queue, runMain } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 004, 队列 概念: "q.cancel_join_thread() 不会再进程退出时自动连接后台线程。这可以防止
 * join_thread()方法阻塞。" A child puts one item of 1 MiB, more than the queue's pipe holds, on a
 * queue nobody reads yet, and returns. Without cancel_join_thread() its end waits for its feeder,
 * which waits for a reader: the child is still alive after the parent has waited, and ends only
 * once the parent reads the item. With cancel_join_thread() it ends at once (the item it had not
 * flushed is lost).
 *
 * Records: `child-put` {cancel}; `after-join` {cancel, alive, exitcode} once the child has put and
 * the parent has waited `patience` for it to end; `parent-read` {cancel, length}; `ended`
 * {cancel, exitcode}.
 */

const args = programArgs({ patience: 3 });
const clock = new Clock(args.unitMs);
const SIZE = 1024 * 1024;

export async function fill(q: Queue<string>, cancel: boolean, put_done: Event): Promise<void> {
  await q.put('x'.repeat(SIZE));
  if (cancel) q.cancel_join_thread();
  report('child-put', { cancel });
  await put_done.set();
}

async function main(): Promise<void> {
  for (const cancel of [false, true]) {
    const q = new Queue<string>();
    const put_done = new Event();
    const p = new Process({ target: fill, args: [q, cancel, put_done] });
    p.start();
    await put_done.wait();
    await p.join(clock.seconds(args.patience));
    report('after-join', { cancel, alive: p.is_alive(), exitcode: p.exitcode });
    if (p.is_alive()) report('parent-read', { cancel, length: (await q.get()).length });
    await p.join();
    report('ended', { cancel, exitcode: p.exitcode });
  }
}

if (require.main === module) runMain(main);
