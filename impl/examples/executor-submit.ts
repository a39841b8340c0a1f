import { Future, ProcessPoolExecutor, runMain, ThreadPoolExecutor } from '../process';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 003, 38-39: a ProcessPoolExecutor(4) (or a ThreadPoolExecutor with `kind: "thread"`) given ten
 * tasks three ways. `sync`: submit(...).result() inside the loop. `collect`: submit everything,
 * shutdown(wait=True), then read every result (and try one more submit). `callback`: submit with
 * add_done_callback(fn) and shutdown.
 *
 * Records: `task-start` {i} / `task-end` {i} where the task runs; `submitted` {i};
 * `result` {i, value}; `shutdown-returned`; `submit-after-shutdown` {error, message};
 * `callback` {i, isFuture, value} in the submitting process; `add-done-callback-returned` {value}.
 */

/** `warm`: first run one no-op per worker at once, so that every worker has started before the tasks. */
const args = programArgs({ mode: 'collect' as 'sync' | 'collect' | 'callback', kind: 'process' as 'process' | 'thread', workers: 4, tasks: 10, seconds: 1, warm: false });

export function noop(): null {
  return null;
}
const clock = new Clock(args.unitMs);

export async function task(i: number): Promise<string> {
  say(`${process.pid} is running`, 'task-start', { i });
  await clock.sleep(args.seconds);
  report('task-end', { i });
  return `${process.pid} is finish`;
}

async function main(): Promise<void> {
  const pool = args.kind === 'process' ? new ProcessPoolExecutor(args.workers) : new ThreadPoolExecutor(args.workers);
  if (args.warm) await Promise.all(Array.from({ length: args.workers }, () => pool.submit(noop).result()));
  const futures: Future<string>[] = [];
  for (let i = 0; i < args.tasks; i++) {
    const future = pool.submit(task, i);
    report('submitted', { i });
    if (args.mode === 'sync') {
      // 同步发布任务
      const value = await future.result();
      say(value, 'result', { i, value });
    } else if (args.mode === 'callback') {
      const returned = future.add_done_callback((f: Future<string>) => {
        void f.result().then((value) => report('callback', { i, isFuture: f instanceof Future, value }));
      });
      report('add-done-callback-returned', { value: returned === undefined ? null : String(returned) });
    }
    futures.push(future);
  }
  // 阻止在向进程池投放新任务, wait = True: 一个任务完成了-1,直至为零
  await pool.shutdown(true);
  report('shutdown-returned');
  if (args.mode === 'collect') {
    for (const [i, future] of futures.entries()) {
      const value = await future.result();
      say(value, 'result', { i, value });
    }
  }
  try {
    pool.submit(task, args.tasks);
    report('submit-after-shutdown', { error: 'none', message: '' });
  } catch (e) {
    report('submit-after-shutdown', { error: (e as Error).name, message: (e as Error).message });
  }
}

if (require.main === module) runMain(main);
