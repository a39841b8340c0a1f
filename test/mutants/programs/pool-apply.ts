import { Pool, runMain } from '../../../impl/process';
import { ctime } from '../../../impl/examples/support/clock-time';
import { Clock, programArgs } from '../../../impl/examples/support/program-args';
import { report, say } from '../../../impl/examples/support/trace';

/**
 * impl/examples/pool-apply.ts on a Pool whose apply_async runs the callback in the worker, right
 * after the task, instead of handing the return value back to the main process: the records are
 * the reference program's, only the callback's pid (and when it runs) change.
 */

const args = programArgs({ mode: 'apply_async' as 'apply' | 'apply_async', processes: 2, tasks: 5, seconds: 2, callback: false, failAt: -1, warm: false });
const clock = new Clock(args.unitMs);

export async function foo(i: number): Promise<number> {
  report('task-start', { i });
  await clock.sleep(args.seconds);
  if (i === args.failAt) throw new ValueError(`task ${i} failed`);
  say(`foo ${i} , time = ${ctime()}`, 'task-end', { i });
  // The defect: the callback is called where the task ran.
  if (args.callback) foo_callback(i + 100);
  return i + 100;
}

export function noop(): null {
  return null;
}

class ValueError extends Error {
  override name = 'ValueError';
}

function foo_callback(value: number): void {
  say(`callback ${value}`, 'callback', { value });
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
    else pool.apply_async(foo, [i], args.callback ? { error_callback } : {});
  }
  pool.close();
  await pool.join();
  report('main-done');
}

if (require.main === module) runMain(main);
