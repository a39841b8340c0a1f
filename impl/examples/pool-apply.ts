import { Pool, runMain } from '../process';
import { ctime } from './support/clock-time';
import { Clock, programArgs } from './support/program-args';
import { report, say } from './support/trace';

/**
 * 000, 进程池 and 设置回调; 001, 进程池: a Pool(2) runs five 2-second tasks foo(i), which return
 * i + 100, either with apply() (one at a time) or apply_async() (optionally with a callback that
 * prints the value and its own pid). `failAt` makes task i raise instead (error_callback).
 *
 * Records: `main` {} first; `task-start` {i} / `task-end` {i} in the workers; `callback`
 * {value} and `error-callback` {error} in the main process; `main-done` after join().
 */

/** `warm`: first run one no-op per worker, so that every worker has started before the tasks. */
const args = programArgs({ mode: 'apply_async' as 'apply' | 'apply_async', processes: 2, tasks: 5, seconds: 2, callback: false, failAt: -1, warm: false });
const clock = new Clock(args.unitMs);

export async function foo(i: number): Promise<number> {
  report('task-start', { i });
  await clock.sleep(args.seconds);
  if (i === args.failAt) throw new ValueError(`task ${i} failed`);
  say(`foo ${i} , time = ${ctime()}`, 'task-end', { i });
  return i + 100;
}

export function noop(): null {
  return null;
}

class ValueError extends Error {
  override name = 'ValueError';
}

function foo_callback(value: number): void {
  // 回调函数运行在主进程
  say(`callback ${value}`, 'callback', { value });
  console.log(`进程 ${process.pid}`);
}

function error_callback(error: Error): void {
  say(`error ${error.message}`, 'error-callback', { error: error.name });
}

async function main(): Promise<void> {
  const pool = new Pool(args.processes);
  if (args.warm) await Promise.all(Array.from({ length: args.processes }, () => pool.apply_async(noop).get()));
  say(`主进程 ${process.pid}`, 'main');
  for (let i = 0; i < args.tasks; i++) {
    if (args.mode === 'apply') await pool.apply(foo, [i]);
    else pool.apply_async(foo, [i], args.callback ? { callback: foo_callback, error_callback } : {});
  }
  // 进程池的 close 必须放在 join 前面 (调用顺序是固定的)
  pool.close();
  await pool.join();
  report('main-done');
}

if (require.main === module) runMain(main);
