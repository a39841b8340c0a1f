import { runMain } from '../process';
import { Thread } from '../threading';
import { Clock, programArgs } from './support/program-args';
import { say } from './support/trace';

/**
 * 003, 30. 守护线程: foo (daemonic) sleeps 5, bar sleeps 1; main prints 主进程 and ends. The
 * program waits for bar, the last non-daemonic thread, and then exits: end_foo never prints.
 *
 * Records: `foo_123`, `end_foo`, `bar_456`, `end_bar`, `主进程` (each its own event).
 */

const args = programArgs({});
const clock = new Clock(args.unitMs);

export async function foo(): Promise<void> {
  say('foo_123', 'foo_123');
  await clock.sleep(5);
  say('end_foo', 'end_foo');
}

export async function bar(): Promise<void> {
  say('bar_456', 'bar_456');
  await clock.sleep(1);
  say('end_bar', 'end_bar');
}

async function main(): Promise<void> {
  const t1 = new Thread({ target: foo });
  const t2 = new Thread({ target: bar });
  t1.daemon = true;
  t1.start();
  t2.start();
  say('主进程', '主进程');
}

if (require.main === module) runMain(main);
